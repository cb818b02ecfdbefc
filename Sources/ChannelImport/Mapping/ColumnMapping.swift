public import ChannelCore
public import Foundation
import Yams

/// Maps other file layouts onto Qudao's model: which file holds which entity, which source header feeds which
/// model column, how codes translate, and how dates and numbers are written. Read from JSON or YAML.
///
/// ```yaml
/// entities:
///   orders:
///     files: ["订单*.csv"]
///     encoding: gb18030
///     columns: {order_id: 订单号, partner_id: 客户编码, ordered_at: 下单时间, status: 状态}
///     values: {status: {已发货: shipped, 已签收: delivered, 待发货: pending, 已取消: cancelled}}
///     formats: {ordered_at: {date: "yyyy/MM/dd HH:mm:ss", time_zone: Asia/Shanghai}}
///     defaults: {channel: offline}
/// ```
public struct ColumnMapping: Sendable, Equatable, Decodable {
    /// The layout of one entity's files.
    public var entities: [String: EntityMapping]

    public init(entities: [String: EntityMapping] = [:]) { self.entities = entities }

    /// How one entity's files are laid out.
    public struct EntityMapping: Sendable, Equatable, Decodable {
        /// File name patterns (`*` and `?` wildcards) that hold this entity.
        public var files: [String]?
        /// The text encoding (`utf-8`, `gbk`, `gb18030`, `utf-16le`); detected when absent.
        public var encoding: String?
        /// The field delimiter (one character; `\t` for tab); detected when absent.
        public var delimiter: String?
        /// Model column -> source header.
        public var columns: [String: String]?
        /// Model column -> (source code -> model code).
        public var values: [String: [String: String]]?
        /// Model column -> how its source values are written.
        public var formats: [String: ValueFormat]?
        /// Model column -> value used when the source has no such column or leaves it empty.
        public var defaults: [String: String]?
    }

    /// How a source writes one column's values.
    public struct ValueFormat: Sendable, Equatable, Decodable {
        /// A date/time pattern with `yyyy MM M dd d HH H mm ss SSS` fields, e.g. `yyyy/MM/dd HH:mm`.
        public var date: String?
        /// The IANA zone of local times written without an offset (default: the business time zone).
        public var timeZone: String?
        /// The decimal separator, `.` (default) or `,`.
        public var decimalSeparator: String?
        /// A thousands separator to drop, e.g. `,` or ` `.
        public var thousandsSeparator: String?
        /// Values are percentages (`15%` or `15` meaning 0.15).
        public var percent: Bool?
        /// Source value x factor = model value, e.g. 0.001 for grams into a kilogram column.
        public var factor: String?

        enum CodingKeys: String, CodingKey {
            case date
            case timeZone = "time_zone"
            case decimalSeparator = "decimal_separator"
            case thousandsSeparator = "thousands_separator"
            case percent, factor
        }
    }

    /// Reads a mapping file, JSON (`.json`) or YAML (anything else), and checks that it names real entities and
    /// columns.
    public static func load(from url: URL) throws -> ColumnMapping {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError.mapping(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        let mapping: ColumnMapping
        do {
            if url.pathExtension.lowercased() == "json" {
                mapping = try JSONDecoder().decode(ColumnMapping.self, from: data)
            } else {
                mapping = try YAMLDecoder().decode(ColumnMapping.self, from: data)
            }
        } catch let error as DecodingError {
            throw ImportError.mapping(file: url.path, reason: Self.describe(error))
        } catch {
            throw ImportError.mapping(file: url.path, reason: "is not valid \(url.pathExtension.lowercased() == "json" ? "JSON" : "YAML"): \(error)")
        }
        try mapping.check(file: url.path)
        return mapping
    }

    /// The mapping of one entity, if the file gives one.
    public func mapping(for kind: EntityKind) -> EntityMapping? { entities[kind.name] }

    private func check(file: String) throws {
        for (name, entity) in entities {
            guard let kind = EntityKind(rawValue: name) else {
                throw ImportError.mapping(
                    file: file, reason: "entities.\(name) is not an entity; use one of \(EntityKind.allCases.map(\.name).joined(separator: ", "))")
            }
            let known = Set(kind.columns)
            let named = [
                ("columns", Array((entity.columns ?? [:]).keys)), ("values", Array((entity.values ?? [:]).keys)),
                ("formats", Array((entity.formats ?? [:]).keys)), ("defaults", Array((entity.defaults ?? [:]).keys)),
            ]
            for (section, columns) in named {
                for column in columns.sorted() where !known.contains(column) {
                    throw ImportError.mapping(
                        file: file,
                        reason: "entities.\(name).\(section).\(column) is not a column of \(name); columns are \(kind.columns.joined(separator: ", "))")
                }
            }
            if let encoding = entity.encoding, TextEncoding(name: encoding) == nil {
                throw ImportError.mapping(file: file, reason: "entities.\(name).encoding '\(encoding)' is not a supported encoding")
            }
            if let delimiter = entity.delimiter, FileLayout.delimiterByte(delimiter) == nil {
                throw ImportError.mapping(file: file, reason: "entities.\(name).delimiter must be one ASCII character")
            }
            for (column, format) in entity.formats ?? [:] {
                if let pattern = format.date, DatePattern(pattern) == nil {
                    throw ImportError.mapping(file: file, reason: "entities.\(name).formats.\(column).date '\(pattern)' is not a date pattern")
                }
                if let zone = format.timeZone, TimeZone(identifier: zone) == nil {
                    throw ImportError.mapping(file: file, reason: "entities.\(name).formats.\(column).time_zone '\(zone)' is not an IANA time zone")
                }
                if let factor = format.factor, (try? ExactDecimal(parsing: factor)) == nil {
                    throw ImportError.mapping(file: file, reason: "entities.\(name).formats.\(column).factor '\(factor)' is not a decimal number")
                }
            }
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context)): missing key \(key.stringValue)"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
