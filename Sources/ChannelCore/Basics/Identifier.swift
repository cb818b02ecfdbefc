/// A typed identifier: the natural key of an entity as the source systems spell it (e.g. `P000123`, `SO000000001`).
///
/// The phantom `Entity` parameter keeps a partner's ID from being passed where an order's is expected.
public struct Identifier<Entity>: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The key as text, trimmed and non-empty.
    public let rawValue: String

    /// Wraps a key that is already known to be valid (read back from the store).
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Parses a key: 1...64 UTF-8 bytes, no surrounding spaces (including the ideographic space), no control characters.
    public init(parsing text: String) throws(FieldError) {
        var copy = text
        try self.init(checking: text, copy.withUTF8(Self.scan))
    }

    /// Parses a key from its UTF-8 bytes (as `init(parsing:)`): an import checks the bytes where they lie and makes
    /// a string only of a valid key.
    public init(parsingUTF8 bytes: UnsafeBufferPointer<UInt8>) throws(FieldError) {
        let scan = Self.scan(bytes)
        switch scan {
        case .asciiEdges: self.init(String(decoding: bytes, as: UTF8.self))
        case .invalid(let error): throw error
        case .nonASCIIEdge: try self.init(checking: String(decoding: bytes, as: UTF8.self), scan)
        }
    }

    private init(checking text: String, _ scan: IdentifierScan) throws(FieldError) {
        switch scan {
        case .invalid(let error): throw error
        case .asciiEdges: break
        case .nonASCIIEdge:
            // Unicode spaces such as the ideographic space U+3000 count as spaces too.
            if text.unicodeScalars.first?.properties.isWhitespace == true
                || text.unicodeScalars.last?.properties.isWhitespace == true
            {
                throw FieldError("has leading or trailing spaces")
            }
        }
        self.rawValue = text
    }

    /// One pass over the bytes: this runs for every key of every imported row.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> IdentifierScan {
        guard let first = bytes.first, let last = bytes.last else { return .invalid(FieldError("is empty")) }
        guard bytes.count <= maximumLength else { return .invalid(FieldError("is longer than \(maximumLength) bytes")) }
        for byte in bytes where byte < 0x20 || byte == 0x7F { return .invalid(FieldError("contains a control character")) }
        if first == 0x20 || last == 0x20 { return .invalid(FieldError("has leading or trailing spaces")) }
        return first >= 0x80 || last >= 0x80 ? .nonASCIIEdge : .asciiEdges
    }

    /// The longest key accepted, in UTF-8 bytes.
    public static var maximumLength: Int { 64 }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "identifier \(error.reason)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

public typealias RegionID = Identifier<Region>
public typealias PartnerID = Identifier<Partner>
public typealias OutletID = Identifier<Outlet>
public typealias SKU = Identifier<Product>
public typealias OrderID = Identifier<SalesOrder>
public typealias ShipmentID = Identifier<Shipment>
public typealias FeedbackID = Identifier<Feedback>
public typealias ComplaintID = Identifier<Complaint>
public typealias UserID = Identifier<User>
/// A stock location (warehouse) code; locations have no master file of their own yet.
public typealias LocationID = Identifier<InventorySnapshot>

/// What one pass over a key's bytes found.
private enum IdentifierScan {
    case invalid(FieldError)
    case asciiEdges
    case nonASCIIEdge
}
