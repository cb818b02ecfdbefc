import ChannelCore
import ChannelStore

/// The rules a record must keep beyond its own validation, checked against what the writer holds (stored rows
/// and rows written earlier in the same transaction). The importer and single-record writes share them.
final class RecordChecks {
    typealias Problem = (column: String, value: String, reason: String)

    private let writer: any BulkWriter
    private var tree: RegionTree?

    init(writer: any BulkWriter) { self.writer = writer }

    /// The writer checks that partner and region exist; an outlet also sits in a city, not a whole province.
    func outlet(_ outlet: Outlet) throws -> Problem? { try city(outlet.regionID) }

    /// Lines are the bulk of an import: their order and product are resolved by the writer itself (an unknown one
    /// comes back as `UnknownReference`), so only the returned-quantity rule needs a look-up here.
    func line(_ line: OrderLine) throws -> Problem? {
        guard line.returnedQuantity > 0 else { return nil }
        guard let status = try writer.status(ofOrder: line.orderID) else {
            return ("order_id", line.orderID.rawValue, "refers to unknown order")
        }
        if !status.hasDelivered {
            return ("returned_qty", String(line.returnedQuantity), "is more than 0 but order \(line.orderID) is \(status.rawValue), not delivered")
        }
        return nil
    }

    /// The writer checks that partner, order and outlet exist; feedback and complaints also name the order's own
    /// partner.
    func feedback(_ feedback: Feedback) throws -> Problem? {
        try order(feedback.orderID, belongsTo: feedback.partnerID)
    }

    func complaint(_ complaint: Complaint) throws -> Problem? {
        try order(complaint.orderID, belongsTo: complaint.partnerID)
    }

    private func order(_ orderID: OrderID?, belongsTo partnerID: PartnerID) throws -> Problem? {
        guard let orderID, let order = try writer.partnerAndStatus(ofOrder: orderID), order.partner != partnerID else {
            return nil
        }
        return ("order_id", orderID.rawValue, "belongs to partner \(order.partner), not \(partnerID)")
    }

    /// Partners and outlets sit in a city or district, not a whole province.
    func city(_ id: RegionID) throws -> Problem? {
        let tree = try regionTree()
        guard let level = tree.level(of: id) else { return ("region_id", id.rawValue, "refers to unknown region") }
        return level == .province ? ("region_id", id.rawValue, "is a province; use the city (or district)") : nil
    }

    /// The region tree as stored, with the regions merged into it so far.
    func regionTree() throws -> RegionTree {
        if let tree { return tree }
        let loaded = RegionTree(existing: try writer.regionNodes())
        tree = loaded
        return loaded
    }

    func update(_ tree: RegionTree) { self.tree = tree }
}
