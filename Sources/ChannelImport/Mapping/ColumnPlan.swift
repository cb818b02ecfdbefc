import ChannelCore
import Foundation

/// How to read each model column of one entity from one file: where it is, and how its values are written.
struct ColumnPlan: Sendable {
    /// A class, not a struct: the row reader looks columns up for every field, and copying a struct of strings
    /// and dictionaries there cost a retain and release per member.
    final class Column: Sendable {
        let name: String
        /// Field index in the file, nil when the file has no such column.
        let source: Int?
        /// The source header (for messages).
        let header: String
        let codes: [String: String]?
        let defaultValue: String?
        let date: DatePattern?
        let calendar: BusinessCalendar
        let decimalSeparator: UInt8?
        let thousandsSeparator: UInt8?
        let percent: Bool
        let factor: ExactDecimal?
        let isRequired: Bool
        /// Whether raw bytes can be parsed as they are (no translation of any kind).
        let isPlain: Bool

        init(
            name: String, source: Int?, header: String, codes: [String: String]?, defaultValue: String?, date: DatePattern?,
            calendar: BusinessCalendar, decimalSeparator: UInt8?, thousandsSeparator: UInt8?, percent: Bool,
            factor: ExactDecimal?, isRequired: Bool
        ) {
            self.name = name
            self.source = source
            self.header = header
            self.codes = codes
            self.defaultValue = defaultValue
            self.date = date
            self.calendar = calendar
            self.decimalSeparator = decimalSeparator
            self.thousandsSeparator = thousandsSeparator
            self.percent = percent
            self.factor = factor
            self.isRequired = isRequired
            self.isPlain =
                codes == nil && defaultValue == nil && decimalSeparator == nil && thousandsSeparator == nil && !percent
                && factor == nil
        }
    }

    let kind: EntityKind
    let columns: [Column]
    /// Source headers that feed no model column (reported once, then ignored).
    let ignoredHeaders: [String]
    /// Fields every record must have (the header's count; 0 for JSON Lines, whose records are always complete).
    var sourceFieldCount: Int

    /// Matches a file's header to the entity's columns through the mapping; throws naming the missing columns.
    init(kind: EntityKind, header: [String], mapping: ColumnMapping.EntityMapping?, calendar: BusinessCalendar, file: String)
        throws
    {
        self.kind = kind
        func normalized(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces).lowercased() }
        var indexByHeader: [String: Int] = [:]
        for (index, name) in header.enumerated() where indexByHeader[normalized(name)] == nil {
            indexByHeader[normalized(name)] = index
        }
        var used = Set<Int>()
        var missing: [String] = []
        var columns: [Column] = []
        for name in kind.columns {
            let sourceName = mapping?.columns?[name] ?? name
            let source = indexByHeader[normalized(sourceName)]
            if let source { used.insert(source) }
            let format = mapping?.formats?[name]
            let defaultValue = mapping?.defaults?[name]
            let isRequired = !kind.optionalColumns.contains(name)
            if source == nil, isRequired, defaultValue == nil {
                missing.append(sourceName == name ? name : "\(name) (mapped to '\(sourceName)')")
            }
            columns.append(
                Column(
                    name: name, source: source, header: sourceName, codes: mapping?.values?[name], defaultValue: defaultValue,
                    date: format?.date.flatMap(DatePattern.init),
                    calendar: format?.timeZone.flatMap { try? BusinessCalendar(timeZoneIdentifier: $0) } ?? calendar,
                    decimalSeparator: format?.decimalSeparator.flatMap(FileLayout.delimiterByte),
                    thousandsSeparator: format?.thousandsSeparator.flatMap(FileLayout.delimiterByte),
                    percent: format?.percent ?? false, factor: format?.factor.flatMap { try? ExactDecimal(parsing: $0) },
                    isRequired: isRequired))
        }
        guard missing.isEmpty else {
            let found = header.isEmpty ? "the file has no header row" : "the header has: \(header.joined(separator: ", "))"
            throw ImportError.file(
                path: file, reason: "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) for \(kind.name); \(found)")
        }
        self.columns = columns
        self.ignoredHeaders = header.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        self.sourceFieldCount = header.count
    }

    /// The position of a model column (programmer error if the name is wrong, caught by tests).
    func index(_ name: String) -> Int { columns.firstIndex { $0.name == name } ?? 0 }
}
