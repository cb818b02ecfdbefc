public import ChannelCore

/// A cube question as text, the way the API's JSON and the command line ask it; `query` checks every part and
/// says which one is wrong.
public struct CubeRequest: Codable, Sendable {
    public struct Top: Codable, Sendable {
        public var count: Int
        /// The measure to rank by; the first measure when omitted.
        public var measure: String?
        /// true (the default): the highest values; false: the lowest.
        public var descending: Bool?

        public init(count: Int, measure: String? = nil, descending: Bool? = nil) {
            self.count = count
            self.measure = measure
            self.descending = descending
        }
    }

    public var measures: [String]
    public var dimensions: [String]?
    /// Dimension name -> codes.
    public var filters: [String: [String]]?
    /// Partner codes: only these and everything downstream of them.
    public var scope: [String]?
    /// First and last business day (YYYY-MM-DD); by default the 365 days ending on the day of the latest order.
    public var from: String?
    public var to: String?
    /// `previous` or `year`.
    public var compare: String?
    public var top: Top?

    public init(
        measures: [String], dimensions: [String]? = nil, filters: [String: [String]]? = nil, scope: [String]? = nil,
        from: String? = nil, to: String? = nil, compare: String? = nil, top: Top? = nil
    ) {
        self.measures = measures
        self.dimensions = dimensions
        self.filters = filters
        self.scope = scope
        self.from = from
        self.to = to
        self.compare = compare
        self.top = top
    }

    /// The query, with its default period ending on `lastDay`.
    public func query(lastDay: CalendarDay) throws(AnalyticsError) -> CubeQuery {
        let measures = try self.measures.map { name throws(AnalyticsError) in try Self.measure(name) }
        var dimensions: [CubeDimension] = []
        for name in self.dimensions ?? [] { dimensions.append(try CubeDimension(parsing: name)) }
        var filterValues: [CubeDimension: [String]] = [:]
        for (name, codes) in filters ?? [:] { filterValues[try CubeDimension(parsing: name), default: []] += codes }
        let end = try to.map { text throws(AnalyticsError) in try Self.day(text, "to") } ?? lastDay
        let start = try from.map { text throws(AnalyticsError) in try Self.day(text, "from") } ?? end.adding(days: -364)
        guard start <= end else { throw AnalyticsError("from \(start) is after to \(end)") }
        var comparison: CubeQuery.Comparison?
        if let compare {
            guard let value = CubeQuery.Comparison(rawValue: compare) else {
                throw AnalyticsError("compare must be previous or year, not '\(compare)'")
            }
            comparison = value
        }
        var top: CubeQuery.Top?
        if let request = self.top {
            let measure = try request.measure.map { name throws(AnalyticsError) in try Self.measure(name) } ?? measures.first
            guard let measure else { throw AnalyticsError("name at least one measure") }
            top = CubeQuery.Top(count: request.count, measure: measure, descending: request.descending ?? true)
        }
        return CubeQuery(
            measures: measures, dimensions: dimensions, filters: filterValues, partnerScope: scope, period: start...end,
            comparison: comparison, top: top)
    }

    private static func measure(_ name: String) throws(AnalyticsError) -> Measure {
        guard let measure = Measure(rawValue: name) else {
            throw AnalyticsError("unknown measure '\(name)'; known: \(Measure.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return measure
    }

    private static func day(_ text: String, _ field: String) throws(AnalyticsError) -> CalendarDay {
        do { return try CalendarDay(parsing: text) } catch { throw AnalyticsError("\(field) '\(text)' \(error)") }
    }
}

/// A cube result as JSON: dimension and measure names, rows of keys (code and label), values as exact text,
/// previous values and changes with a comparison, and the totals.
public struct CubeDocument: Encodable, Sendable {
    public struct Key: Encodable, Sendable {
        public var code: String
        public var label: String
    }

    public struct Row: Encodable, Sendable {
        public var keys: [Key]
        public var values: [String?]
        public var previous: [String?]?
        public var change: [Double?]?
    }

    public var dimensions: [String]
    public var measures: [String]
    public var period: [String]
    public var rows: [Row]
    public var total: [String?]

    public init(_ result: CubeResult, period: ClosedRange<CalendarDay>) {
        dimensions = result.dimensions.map(\.name)
        measures = result.measures.map(\.rawValue)
        self.period = [period.lowerBound.description, period.upperBound.description]
        rows = result.rows.map { row in
            Row(
                keys: row.keys.map { Key(code: $0.code, label: $0.label) }, values: row.values.map(\.text),
                previous: row.previous?.map(\.text), change: row.change)
        }
        total = result.total.map(\.text)
    }
}
