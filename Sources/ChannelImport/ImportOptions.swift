public import ChannelCore

/// What an import does with rejected rows.
public enum ErrorPolicy: String, Sendable, CaseIterable {
    /// Any rejected row cancels the whole import: the database stays exactly as before.
    case abort
    /// Good rows are written; rejected ones go with their reasons to `<file>.rejected.csv` beside the input.
    case skip
}

/// How to run an import.
public struct ImportOptions: Sendable {
    public var onError: ErrorPolicy
    public var mapping: ColumnMapping?
    /// Treat every given file as this entity (otherwise the name or the mapping decides).
    public var entity: EntityKind?
    /// Read every file in this encoding (otherwise the mapping, a byte-order mark or detection decides).
    public var encoding: TextEncoding?
    /// The zone of local times in files whose mapping gives a date pattern without a zone.
    public var calendar: BusinessCalendar
    /// Who the audit trail names as the author of the import.
    public var actor: String
    /// Row issues kept in the report (all are counted; under `skip` all go to the rejected files).
    public var issueLimit: Int

    public init(
        onError: ErrorPolicy = .abort, mapping: ColumnMapping? = nil, entity: EntityKind? = nil, encoding: TextEncoding? = nil,
        calendar: BusinessCalendar = .shanghai, actor: String = "import", issueLimit: Int = 1000
    ) {
        self.onError = onError
        self.mapping = mapping
        self.entity = entity
        self.encoding = encoding
        self.calendar = calendar
        self.actor = actor
        self.issueLimit = issueLimit
    }
}
