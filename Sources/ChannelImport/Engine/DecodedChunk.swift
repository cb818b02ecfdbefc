import ChannelCore

/// Records of one kind decoded from a batch, with their record positions for messages and rejected-row files.
enum DecodedRecords: Sendable {
    case regions([Region]), partners([Partner]), products([Product]), outlets([Outlet]), orders([SalesOrder])
    case orderLines([OrderLine]), shipments([Shipment]), inventorySnapshots([InventorySnapshot])
    case feedback([Feedback]), complaints([Complaint])
}

/// A row the decoder rejected: its record in the batch (nil for a malformed record the reader skipped) and why.
struct RejectedRow: Sendable {
    var record: Int?
    var issues: [RowIssue]
}

/// What the reading thread hands to the writing thread.
struct DecodedChunk: Sendable {
    var fileIndex: Int
    var batch: TextBatch
    var records: DecodedRecords
    /// Batch record index of each decoded record, in order.
    var recordIndexes: [Int]
    var rejected: [RejectedRow]
    /// Input bytes of this file consumed once this chunk was read.
    var bytesRead: Int64
}

/// The stream between the reading and the writing thread.
enum PipelineItem: Sendable {
    /// A file was opened: its encoding, its header, the source header and field of each model column, and the
    /// headers that feed no column.
    case fileStart(
        index: Int, encoding: String, sourceHeader: [String], columnHeaders: [String], columnSources: [Int?], ignored: [String])
    case chunk(DecodedChunk)
    case fileEnd(index: Int)
    case fileFailed(index: Int, error: ImportError)
}

extension DecodedRecords {
    /// Decodes every record of `batch` as `plan.kind`.
    static func decode(_ batch: TextBatch, plan: ColumnPlan, file: String) -> (DecodedRecords, [Int], [RejectedRow]) {
        switch plan.kind {
        case .regions: let r = decode(Region.self, batch, plan, file); return (.regions(r.0), r.1, r.2)
        case .partners: let r = decode(Partner.self, batch, plan, file); return (.partners(r.0), r.1, r.2)
        case .products: let r = decode(Product.self, batch, plan, file); return (.products(r.0), r.1, r.2)
        case .outlets: let r = decode(Outlet.self, batch, plan, file); return (.outlets(r.0), r.1, r.2)
        case .orders: let r = decode(SalesOrder.self, batch, plan, file); return (.orders(r.0), r.1, r.2)
        case .orderLines: let r = decode(OrderLine.self, batch, plan, file); return (.orderLines(r.0), r.1, r.2)
        case .shipments: let r = decode(Shipment.self, batch, plan, file); return (.shipments(r.0), r.1, r.2)
        case .inventorySnapshots:
            let r = decode(InventorySnapshot.self, batch, plan, file)
            return (.inventorySnapshots(r.0), r.1, r.2)
        case .feedback: let r = decode(Feedback.self, batch, plan, file); return (.feedback(r.0), r.1, r.2)
        case .complaints: let r = decode(Complaint.self, batch, plan, file); return (.complaints(r.0), r.1, r.2)
        }
    }

    /// The model column read from 1-based source field `field`, or "field N".
    private static func columnName(_ field: Int, _ plan: ColumnPlan) -> String {
        plan.columns.first { $0.source == field - 1 }?.name ?? "field \(field)"
    }

    private static func decode<Record: RowDecodable>(_: Record.Type, _ batch: TextBatch, _ plan: ColumnPlan, _ file: String)
        -> ([Record], [Int], [RejectedRow])
    {
        var records: [Record] = []
        var indexes: [Int] = []
        records.reserveCapacity(batch.count)
        indexes.reserveCapacity(batch.count)
        var rejected = batch.errors.map { error in
            RejectedRow(
                record: nil,
                issues: [
                    RowIssue(
                        file: file, line: error.line, column: error.column.map { Self.columnName($0, plan) } ?? "",
                        header: "", value: "", reason: error.reason)
                ])
        }
        var row = RowReader(batch: batch, plan: plan, file: file)
        let expectedFields = plan.sourceFieldCount
        for record in 0..<batch.count {
            row.start(record)
            let fields = batch.fieldCount(record)
            if fields != expectedFields, expectedFields > 0 {
                row.addRowIssue("has \(fields) field\(fields == 1 ? "" : "s"), the header has \(expectedFields)")
                rejected.append(RejectedRow(record: record, issues: row.issues))
                continue
            }
            if let decoded = Record.decode(&row) {
                records.append(decoded)
                indexes.append(record)
            } else {
                rejected.append(RejectedRow(record: record, issues: row.issues))
            }
        }
        return (records, indexes, rejected)
    }
}
