public import ChannelCore

/// One entry of the store's change feed. Readers remember the last `sequence` they applied and ask for later ones.
///
/// A change names the entity kind and a range of surrogate row ids it touched (a single id for a one-row
/// change; a contiguous range for an import batch). Order lines are keyed by their order's id.
public struct ChangeRecord: Hashable, Sendable, Codable {
    public enum Operation: String, CodedValue {
        case insert, update, delete
    }

    public var sequence: Int64
    public var at: Instant
    public var entity: EntityKind
    public var operation: Operation
    public var firstRowID: Int64
    public var lastRowID: Int64
    /// The audit event that explains this change.
    public var auditEventID: Int64

    public init(
        sequence: Int64, at: Instant, entity: EntityKind, operation: Operation, firstRowID: Int64, lastRowID: Int64,
        auditEventID: Int64
    ) {
        self.sequence = sequence
        self.at = at
        self.entity = entity
        self.operation = operation
        self.firstRowID = firstRowID
        self.lastRowID = lastRowID
        self.auditEventID = auditEventID
    }
}
