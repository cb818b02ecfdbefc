/// A customer's rating (1...5) with free text in Chinese or English.
public struct Feedback: Hashable, Sendable, Codable {
    public var id: FeedbackID
    public var orderID: OrderID?
    public var partnerID: PartnerID
    public var outletID: OutletID?
    public var channel: SalesChannel
    public var createdAt: Instant
    public var rating: Int
    public var text: String

    public init(
        id: FeedbackID, orderID: OrderID?, partnerID: PartnerID, outletID: OutletID?, channel: SalesChannel,
        createdAt: Instant, rating: Int, text: String
    ) {
        self.id = id
        self.orderID = orderID
        self.partnerID = partnerID
        self.outletID = outletID
        self.channel = channel
        self.createdAt = createdAt
        self.rating = rating
        self.text = text
    }

    public func validate() -> [ValidationIssue] {
        (1...5).contains(rating) ? [] : [.init("rating", "must be between 1 and 5")]
    }
}
