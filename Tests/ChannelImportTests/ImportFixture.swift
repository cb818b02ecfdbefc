import ChannelCore
import ChannelImport
import ChannelStoreSQLite
import Foundation

/// A temp folder with a small, hand-written, valid dataset in the canonical layout, and a fresh database beside it.
/// Tests overwrite single files to break exactly one thing.
struct ImportFixture {
    let folder: URL
    var databasePath: String { folder.appendingPathComponent("test.sqlite").path }
    var dataFolder: URL { folder.appendingPathComponent("data") }

    static let files: [String: String] = [
        "regions.csv": """
            region_id,name,parent_id,level
            310000,上海市,,province
            310100,上海市01市,310000,city
            320000,江苏省,,province
            320100,江苏省01市,320000,city

            """,
        "partners.csv": """
            partner_id,name,kind,parent_id,tier,region_id,channel,joined_on,status
            P000002,dealer-2,dealer,P000001,3,320100,offline,2023-05-01,active
            P000001,distributor-1,distributor,,1,320100,offline,2020-01-01,active
            P000003,天猫旗舰店,platform,,0,310100,online,2021-03-01,active

            """,
        "products.csv": """
            sku,name,category,list_price,unit_cost,weight_kg,launched_on
            SKU00001,饮料-00001,饮料,35.10,12.00,0.500,2023-01-01
            SKU00002,零食-00002,零食,8.00,3.25,0.125,2023-01-01

            """,
        "outlets.csv": """
            outlet_id,partner_id,region_id,kind,opened_on,closed_on
            O0000001,P000001,320100,wholesale,2022-01-01,
            O0000002,P000002,320100,convenience,2023-06-01,2026-01-01
            O0000003,P000003,310100,online_store,2021-03-01,

            """,
        "orders.csv": """
            order_id,partner_id,outlet_id,channel,ordered_at,promised_at,shipped_at,delivered_at,status
            SO000000001,P000001,O0000001,offline,2025-01-02T01:00:00Z,2025-01-04T01:00:00Z,2025-01-02T10:00:00Z,2025-01-03T10:00:00Z,delivered
            SO000000002,P000002,O0000002,offline,2025-02-02T01:00:00Z,2025-02-04T01:00:00Z,2025-02-02T10:00:00Z,,shipped
            SO000000003,P000003,O0000003,online,2025-03-02T01:00:00Z,2025-03-05T01:00:00Z,,,pending

            """,
        "order_lines.csv": """
            order_id,line_no,sku,qty,unit_price,discount_rate,returned_qty
            SO000000001,1,SKU00001,12,24.57,0.00,2
            SO000000001,2,SKU00002,5,5.60,0.03,0
            SO000000002,1,SKU00001,3,29.84,0.00,0
            SO000000003,1,SKU00002,1,7.60,0.25,0
            SO000000003,2,SKU00001,2,33.35,0.25,0

            """,
        "shipments.csv": """
            shipment_id,order_id,carrier,mode,distance_km,weight_kg,shipped_at,delivered_at
            SH000000001,SO000000001,顺丰,diesel_truck,120,6.6,2025-01-02T10:00:00Z,2025-01-03T10:00:00Z
            SH000000002,SO000000002,中通,rail,800,1.5,2025-02-02T10:00:00Z,

            """,
        "inventory_snapshots.csv": """
            snapshot_date,location_id,sku,on_hand,in_transit
            2025-01-05,WH-CENTRAL,SKU00001,120,0
            2025-01-05,WH-320000,SKU00002,40,10

            """,
        "feedback.csv": """
            feedback_id,order_id,partner_id,outlet_id,channel,created_at,rating,text
            FB00000001,SO000000001,P000001,O0000001,offline,2025-01-05T03:00:00Z,4,"质量不错，会回购, ""good""
            second line"

            """,
        "complaints.csv": """
            complaint_id,order_id,partner_id,opened_at,first_response_at,resolved_at,severity,category
            CP00000001,SO000000002,P000002,2025-02-05T01:00:00Z,2025-02-05T09:00:00Z,,medium,delivery

            """,
    ]

    /// Data rows per entity in `files`.
    static let rowCounts: [EntityKind: Int] = [
        .regions: 4, .partners: 3, .products: 2, .outlets: 3, .orders: 3, .orderLines: 5, .shipments: 2,
        .inventorySnapshots: 2, .feedback: 1, .complaints: 1,
    ]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        for (name, text) in Self.files { try write(name, text) }
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: dataFolder.appendingPathComponent(name))
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: dataFolder.appendingPathComponent(name))
    }

    /// Replaces one line (1-based) of a fixture file.
    func replaceLine(_ number: Int, of name: String, with line: String) throws {
        var lines = (Self.files[name] ?? "").components(separatedBy: "\n")
        lines[number - 1] = line
        try write(name, lines.joined(separator: "\n"))
    }

    func store() throws -> SQLiteChannelStore { try SQLiteChannelStore(path: databasePath) }

    func importData(_ paths: [String]? = nil, options: ImportOptions = ImportOptions()) throws -> (ImportReport, SQLiteChannelStore) {
        let store = try store()
        let report = try Importer(store: store, options: options).run(paths: paths ?? [dataFolder.path])
        return (report, store)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
