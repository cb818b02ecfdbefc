/// A forecasting hierarchy given by its summing structure: bottom series and aggregates of them.
///
/// Bottom series are the most detailed level (e.g. SKU × city). Every aggregate (e.g. category × province,
/// or the grand total) is defined as the plain sum of a set of bottom series, so grouped and crossed
/// hierarchies work as well as strict trees.
///
/// Nodes are ordered aggregates first, then bottoms (``nodeIDs``), which makes the summing matrix
/// S = [A; I]. S is kept sparse: row i lists the bottom indices that node i adds up (``summingRows``),
/// so memory grows with the number of (node, bottom) memberships, not with n_all × n_bottom.
public struct SummingHierarchy: Sendable, Equatable {
    /// An aggregate node and the bottom series it is the sum of.
    public struct Aggregate: Sendable, Equatable {
        /// Unique node identifier, e.g. "护肤 × 广东".
        public var id: String
        /// Identifiers of the bottom series that sum to this node; each must be listed once.
        public var bottomIDs: [String]

        /// Creates an aggregate node.
        public init(id: String, bottomIDs: [String]) {
            self.id = id
            self.bottomIDs = bottomIDs
        }
    }

    /// Bottom series identifiers, in the order given.
    public let bottomIDs: [String]
    /// Aggregate node identifiers, in the order given.
    public let aggregateIDs: [String]
    /// Sparse rows of S in node order: for each node, the sorted indices (into ``bottomIDs``) it sums.
    public let summingRows: [[Int]]
    /// For each bottom series, the indices (into ``aggregateIDs``) of the aggregates that contain it.
    let aggregatesContainingBottom: [[Int]]
    private let indexByID: [String: Int]

    /// Builds the hierarchy and checks it.
    ///
    /// - Throws: ``SummingHierarchyError`` for no bottoms, duplicate identifiers, an empty aggregate,
    ///   an unknown bottom identifier or a bottom listed twice in one aggregate.
    public init(bottomIDs: [String], aggregates: [Aggregate]) throws(SummingHierarchyError) {
        guard !bottomIDs.isEmpty else { throw .noBottomSeries }
        var bottomIndex: [String: Int] = [:]
        for (index, id) in bottomIDs.enumerated() {
            guard bottomIndex.updateValue(index, forKey: id) == nil else { throw .duplicateNodeID(id) }
        }

        var indexByID: [String: Int] = [:]
        var rows: [[Int]] = []
        rows.reserveCapacity(aggregates.count + bottomIDs.count)
        var containing = Array(repeating: [Int](), count: bottomIDs.count)
        for (aggregateIndex, aggregate) in aggregates.enumerated() {
            guard bottomIndex[aggregate.id] == nil, indexByID[aggregate.id] == nil else {
                throw .duplicateNodeID(aggregate.id)
            }
            guard !aggregate.bottomIDs.isEmpty else { throw .emptyAggregate(aggregate.id) }
            var members: [Int] = []
            members.reserveCapacity(aggregate.bottomIDs.count)
            for memberID in aggregate.bottomIDs {
                guard let member = bottomIndex[memberID] else {
                    throw .unknownBottom(aggregateID: aggregate.id, bottomID: memberID)
                }
                members.append(member)
            }
            members.sort()
            for (previous, next) in zip(members, members.dropFirst()) where previous == next {
                throw .repeatedBottom(aggregateID: aggregate.id, bottomID: bottomIDs[next])
            }
            for member in members { containing[member].append(aggregateIndex) }
            indexByID[aggregate.id] = aggregateIndex
            rows.append(members)
        }
        for (index, id) in bottomIDs.enumerated() {
            indexByID[id] = aggregates.count + index
            rows.append([index])
        }

        self.bottomIDs = bottomIDs
        self.aggregateIDs = aggregates.map(\.id)
        self.summingRows = rows
        self.aggregatesContainingBottom = containing
        self.indexByID = indexByID
    }

    /// All node identifiers in node order: aggregates, then bottoms. Forecast rows follow this order.
    public var nodeIDs: [String] { aggregateIDs + bottomIDs }
    /// Number of nodes, n_all = aggregates + bottoms.
    public var nodeCount: Int { summingRows.count }
    /// Number of bottom series, n_bottom.
    public var bottomCount: Int { bottomIDs.count }
    /// Number of aggregate nodes.
    public var aggregateCount: Int { aggregateIDs.count }

    /// The position of a node in ``nodeIDs``, or nil when the identifier is unknown.
    public func nodeIndex(of id: String) -> Int? { indexByID[id] }

    /// S·b: the value of every node given values for the bottom series (one horizon step).
    ///
    /// `bottomValues` must have ``bottomCount`` elements, in ``bottomIDs`` order.
    public func aggregate(bottomValues: [Double]) -> [Double] {
        summingRows.map { row in row.reduce(0) { $0 + bottomValues[$1] } }
    }

    /// The summing matrix S as a dense n_all × n_bottom array of 0/1, for inspection of small hierarchies.
    ///
    /// Large hierarchies should use ``summingRows`` instead: the dense form needs n_all × n_bottom doubles.
    public func denseSummingMatrix() -> [[Double]] {
        summingRows.map { row in
            var dense = Array(repeating: 0.0, count: bottomCount)
            for member in row { dense[member] = 1 }
            return dense
        }
    }
}
