/// What `RecordStore.records` reads: filters, order, a page after a cursor, and the partner scope of the caller.
public struct RecordQuery: Sendable, Hashable {
    /// Canonical column = exact value (an empty value matches an empty column). Instant, date and numeric columns
    /// also take `<column>_from` and `<column>_to`, inclusive bounds.
    public var filters: [String: String]
    /// A canonical column to order by, `-` first for descending; nil for natural-key order. Ties go by natural key.
    public var sort: String?
    /// Where the previous page ended (`RecordPage.nextCursor`); nil for the first page.
    public var cursor: String?
    /// Records per page, 1...1000.
    public var limit: Int
    /// Partner codes: only records of those partners and of every partner downstream of them (nil: no restriction).
    /// Regions and products are visible to everyone; stock snapshots belong to no partner, so a scope hides them.
    public var partnerScope: [String]?

    /// The largest page `limit` accepts.
    public static let maximumLimit = 1000

    public init(
        filters: [String: String] = [:], sort: String? = nil, cursor: String? = nil, limit: Int = 100,
        partnerScope: [String]? = nil
    ) {
        self.filters = filters
        self.sort = sort
        self.cursor = cursor
        self.limit = limit
        self.partnerScope = partnerScope
    }
}

/// One page of records and the cursor of the next one.
public struct RecordPage: Sendable, Hashable {
    public var records: [Record]
    /// Pass it back as `RecordQuery.cursor` for the next page; nil when this page is the last.
    public var nextCursor: String?

    public init(records: [Record], nextCursor: String?) {
        self.records = records
        self.nextCursor = nextCursor
    }
}
