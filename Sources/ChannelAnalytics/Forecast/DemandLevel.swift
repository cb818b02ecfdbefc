/// A level of the demand hierarchies planners forecast at: a product level (SKU → category → total) crossed with a
/// geographic one (city → province → national), written `sku-province`, `category-national`, `total-city`, ...
public struct DemandLevel: Hashable, Sendable, CustomStringConvertible {
    public enum Product: String, CaseIterable, Sendable, Comparable {
        case sku, category, total

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
        private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    }

    public enum Geography: String, CaseIterable, Sendable, Comparable {
        case city, province, national

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
        private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    }

    public var product: Product
    public var geography: Geography

    public init(product: Product, geography: Geography) {
        self.product = product
        self.geography = geography
    }

    /// Parses `PRODUCT-GEOGRAPHY`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, let product = Product(rawValue: parts[0]), let geography = Geography(rawValue: parts[1]) else {
            return nil
        }
        self.init(product: product, geography: geography)
    }

    public var description: String { "\(product.rawValue)-\(geography.rawValue)" }

    /// Every level (Product × Geography) by name, for help texts.
    public static var allNames: [String] {
        Product.allCases.flatMap { product in Geography.allCases.map { DemandLevel(product: product, geography: $0).description } }
    }

    /// This level and every level above it on either axis, this one first: the nodes of its hierarchy.
    public var levelsAtOrAbove: [DemandLevel] {
        Product.allCases.filter { $0 >= product }.flatMap { product in
            Geography.allCases.filter { $0 >= geography }.map { DemandLevel(product: product, geography: $0) }
        }
    }
}
