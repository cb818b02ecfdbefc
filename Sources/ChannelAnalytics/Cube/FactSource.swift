import ChannelCore

/// How the cube reads the dimension attributes of one kind of fact: per fact position, its business day and the
/// indexes of its region, channel, partner, outlet and product (-1 where the fact has none).
struct FactSource: Sendable {
    let count: Int
    let day: @Sendable (Int) -> Int32
    let region: @Sendable (Int) -> Int32
    let channel: @Sendable (Int) -> Int32
    let partner: @Sendable (Int) -> Int32
    let outlet: @Sendable (Int) -> Int32
    /// nil for facts that are not about one product.
    let product: (@Sendable (Int) -> Int32)?
    /// Dimensions this kind of fact carries.
    let supports: @Sendable (CubeDimension) -> Bool

    static func orders(_ s: FactSnapshot) -> FactSource {
        let orders = s.orders
        let outlets = s.dimensions.outlets
        let partners = s.dimensions.partners
        return FactSource(
            count: orders.count, day: { orders.day[$0] },
            region: { i in
                let outlet = orders.outlet[i]
                if outlet >= 0 { return outlets.region[Int(outlet)] }
                let partner = orders.partner[i]
                return partner >= 0 ? partners.region[Int(partner)] : -1
            },
            channel: { Int32(orders.channel[$0]) }, partner: { orders.partner[$0] }, outlet: { orders.outlet[$0] },
            product: nil, supports: { !$0.isProduct })
    }

    static func feedback(_ s: FactSnapshot) -> FactSource {
        let feedback = s.feedback
        let outlets = s.dimensions.outlets
        let partners = s.dimensions.partners
        let clock = s.clock
        return FactSource(
            count: feedback.count,
            day: { clock.businessDay(of: feedback.createdAt[$0]) },
            region: { i in
                let outlet = feedback.outlet[i]
                return outlet >= 0 ? outlets.region[Int(outlet)] : partners.region[Int(feedback.partner[i])]
            },
            channel: { Int32(feedback.channel[$0]) }, partner: { feedback.partner[$0] }, outlet: { feedback.outlet[$0] },
            product: nil, supports: { !$0.isProduct })
    }

    static func complaints(_ s: FactSnapshot) -> FactSource {
        let complaints = s.complaints
        let orders = s.orders
        let partners = s.dimensions.partners
        let partnerChannel = partners.channel.map { Int32($0.caseCode) }
        let clock = s.clock
        return FactSource(
            count: complaints.count,
            day: { clock.businessDay(of: complaints.openedAt[$0]) },
            region: { partners.region[Int(complaints.partner[$0])] },
            channel: { partnerChannel[Int(complaints.partner[$0])] },
            partner: { complaints.partner[$0] },
            outlet: { i in
                let order = complaints.order[i]
                return order > 0 ? orders.outlet[Int(order)] : -1
            },
            product: nil, supports: { !$0.isProduct })
    }

    static func stock(_ s: FactSnapshot) -> FactSource {
        let stock = s.stock
        return FactSource(
            count: stock.count, day: { stock.day[$0] }, region: { _ in -1 }, channel: { _ in -1 }, partner: { _ in -1 },
            outlet: { _ in -1 }, product: { stock.product[$0] },
            supports: { $0.isTime || $0.isProduct })
    }

    /// Outlets; their "day" is the as-of day the caller evaluates them at.
    static func outlets(_ s: FactSnapshot, day: Int32) -> FactSource {
        let outlets = s.dimensions.outlets
        let partnerChannel = s.dimensions.partners.channel.map { Int32($0.caseCode) }
        return FactSource(
            count: outlets.count, day: { _ in day }, region: { outlets.region[$0] },
            channel: { partnerChannel[Int(outlets.partner[$0])] }, partner: { outlets.partner[$0] },
            outlet: { Int32($0) }, product: nil, supports: { !$0.isProduct })
    }

    /// Partners, for the partner index; only the partner's own attributes.
    static func partners(_ s: FactSnapshot, day: Int32) -> FactSource {
        let partners = s.dimensions.partners
        let partnerChannel = partners.channel.map { Int32($0.caseCode) }
        return FactSource(
            count: partners.count, day: { _ in day }, region: { partners.region[$0] },
            channel: { partnerChannel[$0] }, partner: { Int32($0) }, outlet: { _ in -1 }, product: nil,
            supports: { !$0.isTime && !$0.isProduct && $0 != .outlet })
    }
}

extension BusinessClock {
    /// The business day of an instant column's value; `Int32.min` (outside every period) for a removed row.
    func businessDay(of milliseconds: Int64) -> Int32 {
        milliseconds == noInstant ? Int32.min : day(of: milliseconds)
    }
}
