/// Why a ``SummingHierarchy`` could not be built; the description names the offending node.
public enum SummingHierarchyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No bottom series were given.
    case noBottomSeries
    /// The same identifier is used for two nodes (bottom or aggregate).
    case duplicateNodeID(String)
    /// An aggregate lists no bottom series.
    case emptyAggregate(String)
    /// An aggregate refers to a bottom series that does not exist.
    case unknownBottom(aggregateID: String, bottomID: String)
    /// An aggregate lists the same bottom series more than once.
    case repeatedBottom(aggregateID: String, bottomID: String)

    /// A message that says which node is wrong and why.
    public var description: String {
        switch self {
        case .noBottomSeries:
            "SummingHierarchy needs at least one bottom series"
        case .duplicateNodeID(let id):
            "SummingHierarchy: node identifier \"\(id)\" is used more than once; "
                + "every bottom and aggregate needs a unique id"
        case .emptyAggregate(let id):
            "SummingHierarchy: aggregate \"\(id)\" lists no bottom series, so its sum is undefined"
        case .unknownBottom(let aggregateID, let bottomID):
            "SummingHierarchy: aggregate \"\(aggregateID)\" lists \"\(bottomID)\", which is not a bottom series"
        case .repeatedBottom(let aggregateID, let bottomID):
            "SummingHierarchy: aggregate \"\(aggregateID)\" lists bottom series \"\(bottomID)\" more than once"
        }
    }
}
