/// One line of a sales order: a SKU, a quantity and its price.
public struct OrderLine: Hashable, Sendable, Codable {
    public var orderID: OrderID
    /// 1-based position within the order.
    public var lineNumber: Int
    public var sku: SKU
    public var quantity: Int64
    public var unitPrice: Money
    public var discount: DiscountRate
    public var returnedQuantity: Int64

    public init(
        orderID: OrderID, lineNumber: Int, sku: SKU, quantity: Int64, unitPrice: Money, discount: DiscountRate,
        returnedQuantity: Int64
    ) {
        self.orderID = orderID
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.discount = discount
        self.returnedQuantity = returnedQuantity
    }

    /// The largest line number accepted (keeps (order, line) packable into one 64-bit key).
    public static let maximumLineNumber = 99_999
    /// The largest quantity accepted on one line; larger values are almost surely unit errors.
    public static let maximumQuantity: Int64 = 1_000_000_000

    /// qty > 0, 0 <= returned_qty <= qty, unit_price >= 0, line_no in 1...99,999 (discount range is checked on parsing).
    public func validate() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if lineNumber < 1 || lineNumber > Self.maximumLineNumber {
            issues.append(.init("line_no", "must be between 1 and \(Self.maximumLineNumber)"))
        }
        if quantity <= 0 { issues.append(.init("qty", "must be greater than 0")) }
        if quantity > Self.maximumQuantity { issues.append(.init("qty", "is larger than \(Self.maximumQuantity)")) }
        if unitPrice.minorUnits < 0 { issues.append(.init("unit_price", "is negative")) }
        if returnedQuantity < 0 { issues.append(.init("returned_qty", "is negative")) }
        if returnedQuantity > quantity { issues.append(.init("returned_qty", "is more than qty (\(quantity))")) }
        return issues
    }

    /// Net line value in minor units times 10^6 (exact): qty x unit_price x (1 - discount).
    public var netValueMicroMinor: Int64 {
        quantity * unitPrice.minorUnits * (DiscountRate.scale - Int64(discount.partsPerMillion))
    }
}
