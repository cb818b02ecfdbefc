import ChannelCore
import Foundation

/// Reads typed model values from one record of a batch through a `ColumnPlan`, collecting an issue for every
/// value that is missing or malformed. Plain columns are parsed straight from the bytes (the import hot path);
/// mapped ones (codes, separators, percent, factor, date patterns) go through text.
struct RowReader {
    let batch: TextBatch
    let plan: ColumnPlan
    let file: String
    var record = 0
    private(set) var issues: [RowIssue] = []

    /// Per model column: the source field when it can be read as it is (no codes, defaults, separators or date
    /// pattern), else -1; and whether it is required. Plain arrays, so the per-field fast path touches no objects.
    private let plainSources: [Int]
    private let required: [Bool]
    /// Per model column: whether numbers are read as they are (no separators, percent sign or factor), and whether
    /// dates follow a pattern of the mapping. The common cases then never copy the column's spec (a copy retains
    /// and releases every reference it holds, for every field of every row).
    private let plainNumbers: [Bool]
    private let patterned: [Bool]

    init(batch: TextBatch, plan: ColumnPlan, file: String) {
        self.batch = batch
        self.plan = plan
        self.file = file
        plainSources = plan.columns.map { $0.isPlain && $0.date == nil ? $0.source ?? -1 : -1 }
        required = plan.columns.map(\.isRequired)
        plainNumbers = plan.columns.map { $0.decimalSeparator == nil && $0.thousandsSeparator == nil && !$0.percent && $0.factor == nil }
        patterned = plan.columns.map { $0.date != nil }
    }

    mutating func start(_ record: Int) {
        self.record = record
        issues.removeAll(keepingCapacity: true)
    }

    var line: Int { batch.line(record) }

    /// Records an issue against a model column, quoting the raw source value.
    mutating func fail(_ column: Int, _ reason: String) {
        let spec = plan.columns[column]
        issues.append(
            RowIssue(file: file, line: line, column: spec.name, header: spec.header, value: rawText(column), reason: reason))
    }

    /// Adds the domain's own validation issues (same columns, canonical names).
    mutating func add(_ validation: [ValidationIssue]) {
        for issue in validation {
            fail(plan.index(issue.field), issue.reason)
        }
    }

    mutating func addRowIssue(_ reason: String) {
        issues.append(RowIssue(file: file, line: line, column: "", header: "", value: "", reason: reason))
    }

    /// The source text of a column as written (before codes or defaults).
    func rawText(_ column: Int) -> String {
        guard let source = plan.columns[column].source else { return "" }
        return batch.string(record, source)
    }

    /// The column's text after code translation and defaults; nil when empty.
    mutating func text(_ column: Int) -> String? {
        let source = plainSources[column]
        if source >= 0 {
            let value = batch.string(record, source)
            if value.isEmpty {
                if required[column] { fail(column, "is required but empty") }
                return nil
            }
            return value
        }
        let spec = plan.columns[column]
        var value = spec.source.map { batch.string(record, $0) } ?? ""
        if let codes = spec.codes, let translated = codes[value] ?? codes[value.trimmingCharacters(in: .whitespaces)] {
            value = translated
        }
        if value.isEmpty, let defaultValue = spec.defaultValue { value = defaultValue }
        if value.isEmpty {
            if spec.isRequired { fail(column, "is required but empty") }
            return nil
        }
        return value
    }

    /// Runs `parse` on the raw bytes for a plain column, or on the translated text otherwise; nil when empty.
    private mutating func value<T>(_ column: Int, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T?? {
        let source = plainSources[column]
        if source >= 0 {
            // One look-up of the field: its bytes tell whether it is empty.
            var isEmpty = false
            let parsed = batch.withField(record, source) { bytes -> T? in
                guard !bytes.isEmpty else {
                    isEmpty = true
                    return nil
                }
                return parse(bytes)
            }
            if isEmpty {
                if required[column] { fail(column, "is required but empty") }
                return .some(nil)
            }
            guard let parsed else { return nil }
            return .some(parsed)
        }
        guard var text = text(column) else { return .some(nil) }
        guard let parsed = text.withUTF8(parse) else { return nil }
        return .some(parsed)
    }

    mutating func identifier<Entity>(_ column: Int, _: Entity.Type = Entity.self) -> Identifier<Entity>? {
        // Checked from the bytes (`value`): a key becomes a string only once it is valid.
        let parsed = value(column) { bytes in Result { () throws(FieldError) in try Identifier<Entity>(parsingUTF8: bytes) } }
        switch parsed {
        case .some(.some(.success(let identifier))): return identifier
        case .some(.some(.failure(let error))):
            fail(column, error.reason)
            return nil
        case .some(.none), .none: return nil  // empty (`value` reported it when required)
        }
    }

    mutating func code<T: CodedValue>(_ column: Int, _: T.Type = T.self) -> T? {
        guard let text = text(column) else { return nil }
        if let value = T(rawValue: text) ?? T(rawValue: text.lowercased()) { return value }
        fail(column, "is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    /// The column's number: nil when it does not parse, .some(nil) when it is empty.
    private mutating func decimal(_ column: Int) -> ExactDecimal?? {
        if plainNumbers[column] { return value(column, ExactDecimal.parse) }
        let spec = plan.columns[column]
        return value(column) { Self.parseDecimal($0, spec) }
    }

    mutating func integer(_ column: Int) -> Int64? {
        guard let result = decimal(column) else {
            fail(column, "is not a whole number")
            return nil
        }
        guard let decimal = result else { return nil }
        guard let whole = decimal.scaled(to: 0) else {
            fail(column, "is not a whole number")
            return nil
        }
        return whole
    }

    /// A decimal value in units of 10^-digits; `rounding` allows more decimals (rounded half away from zero).
    mutating func fixed(_ column: Int, digits: Int, rounding: Bool = false, what: String = "a decimal number") -> Int64? {
        guard let result = decimal(column) else {
            fail(column, "is not \(what)")
            return nil
        }
        guard let decimal = result else { return nil }
        if let exact = decimal.scaled(to: digits) { return exact }
        guard rounding, decimal.scale > digits else {
            fail(column, decimal.scale > digits ? "has more than \(digits) decimal places" : "is too large")
            return nil
        }
        var units = decimal.units
        var remainder: Int64 = 0
        var divisor: Int64 = 1
        for _ in 0..<(decimal.scale - digits) {
            remainder += (units % 10) * divisor
            units /= 10
            divisor *= 10
        }
        if remainder.magnitude * 2 >= divisor.magnitude { units += units < 0 || remainder < 0 ? -1 : 1 }
        return units
    }

    mutating func money(_ column: Int, currency: CurrencyCode = .cny) -> Money? {
        fixed(column, digits: currency.minorUnitDigits, what: "an amount").map { Money(minorUnits: $0, currency: currency) }
    }

    mutating func discount(_ column: Int) -> DiscountRate? {
        guard let ppm = fixed(column, digits: 6, what: "a fraction such as 0.15") else { return nil }
        guard ppm >= 0, ppm < DiscountRate.scale, let rate = try? DiscountRate(partsPerMillion: Int32(ppm)) else {
            fail(column, "must be at least 0 and less than 1")
            return nil
        }
        return rate
    }

    mutating func day(_ column: Int) -> CalendarDay? {
        let parsed: CalendarDay??
        if patterned[column], let pattern = plan.columns[column].date {
            parsed = value(column) { pattern.parse($0)?.day }
        } else {
            parsed = value(column, CalendarDay.parseISO)
        }
        guard let parsed else {
            fail(column, patterned[column] ? "does not match the date pattern of the mapping" : "is not a date in the form YYYY-MM-DD")
            return nil
        }
        return parsed
    }

    mutating func instant(_ column: Int) -> Instant? {
        let parsed: Instant??
        if patterned[column], let pattern = plan.columns[column].date {
            let spec = plan.columns[column]
            parsed = value(column) { bytes in
                pattern.parse(bytes).map { spec.calendar.instant(day: $0.day, secondOfDay: $0.secondOfDay, milliseconds: $0.millisecond) }
            }
        } else {
            parsed = value(column, Instant.parseISO8601)
        }
        guard let parsed else {
            fail(column, patterned[column]
                ? "does not match the date pattern of the mapping"
                : "is not an ISO 8601 timestamp with a zone (e.g. 2025-03-04T08:15:00Z)")
            return nil
        }
        return parsed
    }

    /// Parses a number honouring the column's separators, percent sign and factor.
    private static func parseDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ spec: ColumnPlan.Column) -> ExactDecimal? {
        guard spec.decimalSeparator != nil || spec.thousandsSeparator != nil || spec.percent || spec.factor != nil else {
            return ExactDecimal.parse(bytes)
        }
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte == spec.thousandsSeparator { continue }
            if byte == spec.decimalSeparator { cleaned.append(UInt8(ascii: ".")); continue }
            if spec.percent, byte == UInt8(ascii: "%") { continue }
            if byte == UInt8(ascii: " ") { continue }
            cleaned.append(byte)
        }
        guard var value = cleaned.withUnsafeBufferPointer(ExactDecimal.parse) else { return nil }
        if spec.percent { value.scale += 2 }
        if let factor = spec.factor {
            let (product, overflow) = value.units.multipliedReportingOverflow(by: factor.units)
            guard !overflow else { return nil }
            value = ExactDecimal(units: product, scale: value.scale + factor.scale)
        }
        return value
    }
}
