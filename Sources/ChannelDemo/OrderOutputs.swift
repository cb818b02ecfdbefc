import Foundation

/// The five files written while orders are streamed.
struct OrderOutputs: ~Copyable {
    var orders: CSVFileWriter
    var lines: CSVFileWriter
    var shipments: CSVFileWriter
    var feedback: CSVFileWriter
    var complaints: CSVFileWriter

    /// Creates the files in `directory` with their header rows.
    init(directory: URL) throws {
        let orders = try CSVFileWriter(
            directory: directory,
            fileName: "orders.csv",
            header: [
                "order_id", "partner_id", "outlet_id", "channel", "ordered_at", "promised_at", "shipped_at",
                "delivered_at", "status",
            ]
        )
        let lines = try CSVFileWriter(
            directory: directory,
            fileName: "order_lines.csv",
            header: ["order_id", "line_no", "sku", "qty", "unit_price", "discount_rate", "returned_qty"]
        )
        let shipments = try CSVFileWriter(
            directory: directory,
            fileName: "shipments.csv",
            header: [
                "shipment_id", "order_id", "carrier", "mode", "distance_km", "weight_kg", "shipped_at", "delivered_at",
            ]
        )
        let feedback = try CSVFileWriter(
            directory: directory,
            fileName: "feedback.csv",
            header: ["feedback_id", "order_id", "partner_id", "outlet_id", "channel", "created_at", "rating", "text"]
        )
        let complaints = try CSVFileWriter(
            directory: directory,
            fileName: "complaints.csv",
            header: [
                "complaint_id", "order_id", "partner_id", "opened_at", "first_response_at", "resolved_at", "severity",
                "category",
            ]
        )
        // Assigned only once every file exists: a noncopyable value cannot be half-initialized.
        self.orders = orders
        self.lines = lines
        self.shipments = shipments
        self.feedback = feedback
        self.complaints = complaints
    }

    /// Flushes and closes every file and records its row count.
    mutating func finish(into rows: inout [String: Int]) throws {
        try orders.finish()
        try lines.finish()
        try shipments.finish()
        try feedback.finish()
        try complaints.finish()
        rows[orders.fileName] = orders.rows
        rows[lines.fileName] = lines.rows
        rows[shipments.fileName] = shipments.rows
        rows[feedback.fileName] = feedback.rows
        rows[complaints.fileName] = complaints.rows
    }
}
