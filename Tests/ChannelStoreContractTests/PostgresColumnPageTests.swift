import ChannelStore
import ChannelStoreTestSupport
import Logging
import Testing

@testable import ChannelStorePostgres

/// Pages of rows read as one row of arrays: PostgreSQL's binary arrays decoded by hand, for every element type the
/// analytic engine reads, with NULLs; and the order of a page checked and restored.
@Suite struct PostgresColumnPageTests {
    static func page(_ sql: String, _ binds: [DBValue] = []) throws -> PostgresColumnPage {
        let pool = PostgresConnectionPool(
            location: try TemporaryPostgres.instance().server, capacity: 1, logger: Logger(label: "test"))
        defer { pool.close() }
        return try pool.withSession { session in try session.page(session.requestPage(sql, binds, context: "reading a test page")) }
    }

    @Test func everyElementTypeAndNULLsComeThrough() throws {
        let page = try Self.page(
            """
            SELECT array_agg(big), array_agg(small), array_agg(tiny), array_agg(name), array_agg(code)
            FROM (VALUES (9223372036854775807::int8, 7::int4, -3::int2, '中文 text'::text, 'v'::varchar),
                         (-9223372036854775808, NULL, 0, NULL, ''),
                         (NULL, -2147483648, 32767, '', NULL)) AS t(big, small, tiny, name, code)
            """)
        #expect(page.count == 3)
        #expect(page.columns[0] == .integers([.max, .min, nil]))
        #expect(page.columns[1] == .integers([7, nil, -2_147_483_648]))
        #expect(page.columns[2] == .integers([-3, 0, 32_767]))
        #expect(page.columns[3] == .texts(["中文 text", nil, ""]))
        #expect(page.columns[4] == .texts(["v", "", nil]))
        let row = page.row(1)
        #expect(try row.integer(at: 0) == .min && row.optionalInteger(at: 1) == nil && row.text(at: 4) == "")
        #expect(throws: StoreError.self) { try row.integer(at: 1) }
        #expect(throws: StoreError.self) { try row.text(at: 0) }
    }

    @Test func noRowsIsAnEmptyPage() throws {
        let page = try Self.page("SELECT array_agg(x), array_agg(y) FROM (SELECT 1::int8 AS x, 'a'::text AS y WHERE false) AS t")
        #expect(page.count == 0)
        #expect(try page.sorted(byKey: [0]).count == 0)
    }

    @Test func otherElementTypesAndShapesAreRefused() throws {
        for (sql, why) in [
            ("SELECT array_agg(x) FROM (VALUES (1.5::float8)) AS t(x)", "OID 701"),
            ("SELECT ARRAY[[1,2],[3,4]]::int8[]", "2 dimensions"),
            ("SELECT 1::int8", "not a binary array"),
        ] {
            let error = #expect(throws: StoreError.self) { try Self.page(sql) }
            #expect(error?.code == .corrupt && error?.message.contains("is not a binary array") == true, "\(why): \(String(describing: error))")
        }
        #expect(throws: StoreError.self) { try Self.page("SELECT 1 UNION ALL SELECT 2") }
    }

    @Test func aPageOutOfOrderIsPutInOrderByItsKey() throws {
        let inOrder = try PostgresColumnPage(columns: [.integers([1, 1, 2, 3]), .integers([1, 2, 1, 1]), .texts(["a", "b", "c", "d"])])
        #expect(try inOrder.sorted(byKey: [0, 1]).columns == inOrder.columns)
        let shuffled = try PostgresColumnPage(columns: [.integers([3, 1, 2, 1]), .integers([1, 2, 1, 1]), .texts(["d", "b", "c", "a"])])
        #expect(try shuffled.sorted(byKey: [0, 1]).columns == inOrder.columns)
        let twice = try PostgresColumnPage(columns: [.integers([2, 1, 2]), .texts(["x", "y", "z"])])
        #expect(throws: StoreError.self, "two rows with one key") { try twice.sorted(byKey: [0]) }
        #expect(throws: StoreError.self, "a text key") { try inOrder.sorted(byKey: [2]) }
        #expect(throws: StoreError.self, "columns of different lengths") { try PostgresColumnPage(columns: [.integers([1]), .texts([])]) }
    }
}
