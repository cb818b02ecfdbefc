public import ChannelCore
public import ChannelStore

/// One record given as canonical column values (the CSV layout's text: `"24.57"`, `"2025-01-02T01:00:00Z"`,
/// references by natural key), decoded and checked by the importer's own rules and written through a bulk writer:
/// what the API's create and update use, so a record is accepted or refused the same way however it arrives.
public enum RecordInput {
    /// A record decoded from its column values, ready to be checked against the store and written.
    public struct Decoded: Sendable {
        public let kind: EntityKind
        let records: DecodedRecords
        let values: [String: String?]
    }

    /// Decodes, checks and writes one record in the writer's transaction.
    /// - Throws: `RecordRejected` naming each column, value and reason; the writer's own errors.
    public static func write(
        _ kind: EntityKind, values: [String: String?], to writer: any BulkWriter, calendar: BusinessCalendar = .shanghai
    ) throws -> WriteOutcome {
        try write(decode(kind, values: values, calendar: calendar), to: writer)
    }

    /// Decodes one record and checks what needs no store: columns, formats, the record's own rules. Pure, so that
    /// a server can do it before it queues the write.
    /// - Throws: `RecordRejected` naming each column, value and reason.
    public static func decode(_ kind: EntityKind, values: [String: String?], calendar: BusinessCalendar = .shanghai) throws -> Decoded {
        let unknown = values.keys.filter { !kind.columns.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw RecordRejected(
                issues: unknown.map { issue($0, "", "is not a column of \(kind.name); columns: \(kind.columns.joined(separator: ", "))") })
        }
        let row = kind.columns.map { values[$0].flatMap { $0 } ?? "" }
        let plan = try calendar == .shanghai ? canonicalPlans[kind.ordinal].get()
            : ColumnPlan(kind: kind, header: kind.columns, mapping: nil, calendar: calendar, file: "request")
        let (records, _, rejected) = DecodedRecords.decode(TextBatch(rows: [row]), plan: plan, file: "request")
        let decodeIssues = rejected.flatMap(\.issues)
        guard decodeIssues.isEmpty else { throw RecordRejected(issues: decodeIssues) }
        return Decoded(kind: kind, records: records, values: values)
    }

    /// The plans of the canonical layout in the default calendar, made once (a plan matches headers and mappings).
    private static let canonicalPlans = EntityKind.allCases.map { kind in
        Result { try ColumnPlan(kind: kind, header: kind.columns, mapping: nil, calendar: .shanghai, file: "request") }
    }

    /// Checks a decoded record against the store (references, the region tree, the partner graph) and writes it in
    /// the writer's transaction.
    /// - Throws: `RecordRejected` naming each column, value and reason; the writer's own errors.
    public static func write(_ decoded: Decoded, to writer: any BulkWriter) throws -> WriteOutcome {
        let values = decoded.values
        let checks = RecordChecks(writer: writer)
        func write<Record>(_ records: [Record], _ check: (Record) throws -> RecordChecks.Problem?, _ write: (Record) throws -> WriteOutcome)
            throws -> WriteOutcome
        {
            guard let record = records.first else { throw RecordRejected(issues: [issue("", "", "the record is empty")]) }
            if let problem = try check(record) { throw RecordRejected(issues: [issue(problem.column, problem.value, problem.reason)]) }
            do {
                return try write(record)
            } catch let broken as BrokenReference {
                throw RecordRejected(issues: [issue(broken.column, broken.value, broken.reason)])
            }
        }
        switch decoded.records {
        case .regions(let rows):
            var tree = try checks.regionTree()
            let found = tree.merge(rows).issues.values.flatMap { $0 }
            guard found.isEmpty else { throw RecordRejected(issues: found.map { issue($0.field, values[$0.field].flatMap { $0 } ?? "", $0.reason) }) }
            return try write(rows, { _ in nil }, writer.write)
        case .partners(let rows):
            var graph = PartnerGraph(existing: try writer.partnerNodes())
            let found = graph.merge(rows).issues.values.flatMap { $0 }
            guard found.isEmpty else { throw RecordRejected(issues: found.map { issue($0.field, values[$0.field].flatMap { $0 } ?? "", $0.reason) }) }
            return try write(rows, { try checks.city($0.regionID) }, writer.write)
        case .products(let rows): return try write(rows, { _ in nil }, writer.write)
        case .outlets(let rows): return try write(rows, checks.outlet, writer.write)
        case .orders(let rows): return try write(rows, { _ in nil }, writer.write)
        case .orderLines(let rows): return try write(rows, checks.line, writer.write)
        case .shipments(let rows): return try write(rows, { _ in nil }, writer.write)
        case .inventorySnapshots(let rows): return try write(rows, { _ in nil }, writer.write)
        case .feedback(let rows): return try write(rows, checks.feedback, writer.write)
        case .complaints(let rows): return try write(rows, checks.complaint, writer.write)
        }
    }

    private static func issue(_ column: String, _ value: String, _ reason: String) -> RowIssue {
        RowIssue(file: "request", line: 1, column: column, header: column, value: value, reason: reason)
    }
}

/// A record that the importer's rules refuse, with every reason.
public struct RecordRejected: Error, Sendable, CustomStringConvertible {
    public var issues: [RowIssue]

    public init(issues: [RowIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "; ") }
}
