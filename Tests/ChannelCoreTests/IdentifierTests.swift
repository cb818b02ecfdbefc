import Foundation
import Testing

@testable import ChannelCore

@Suite struct IdentifierTests {
    @Test(arguments: ["P000123", "SO000000001", "a", "门店-01", "P 1", String(repeating: "x", count: 64), String(repeating: "店", count: 21)])
    func acceptsKeys(_ text: String) throws {
        let id = try PartnerID(parsing: text)
        #expect(id.rawValue == text)
        #expect(id.description == text)
        var bytes = text
        #expect(try bytes.withUTF8 { try PartnerID(parsingUTF8: $0) } == id)
    }

    @Test(arguments: [
        ("", "is empty"),
        (String(repeating: "x", count: 65), "is longer than 64 bytes"),
        // 22 CJK characters are 66 UTF-8 bytes: the limit counts bytes, not characters.
        (String(repeating: "店", count: 22), "is longer than 64 bytes"),
        ("\tP1", "contains a control character"),
        ("P\u{0}1", "contains a control character"),
        ("P1\n", "contains a control character"),
        ("P\u{7F}1", "contains a control character"),
        (" P1", "has leading or trailing spaces"),
        ("P1 ", "has leading or trailing spaces"),
        ("\u{3000}P1", "has leading or trailing spaces"),
        ("P1\u{00A0}", "has leading or trailing spaces"),
    ])
    func rejectsKeys(_ text: String, reason: String) {
        #expect(throws: FieldError(reason)) { try OrderID(parsing: text) }
        var bytes = text
        #expect(throws: FieldError(reason)) { try bytes.withUTF8 { try OrderID(parsingUTF8: $0) } }
    }

    @Test func maximumLengthIs64Bytes() {
        #expect(SKU.maximumLength == 64)
    }

    @Test func ordersByRawValue() {
        #expect(PartnerID("P000001") < PartnerID("P000002"))
        #expect(!(PartnerID("P2") < PartnerID("P10")))
    }

    @Test func codableRoundTripAndRejection() throws {
        let data = try JSONEncoder().encode([OutletID("O-1")])
        #expect(String(decoding: data, as: UTF8.self) == #"["O-1"]"#)
        #expect(try JSONDecoder().decode([OutletID].self, from: data) == [OutletID("O-1")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([OutletID].self, from: Data(#"[" O-1"]"#.utf8)) }
    }
}
