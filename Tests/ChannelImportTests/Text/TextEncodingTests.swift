import Foundation
import Testing

@testable import ChannelImport

struct TextEncodingTests {
    @Test(arguments: [
        ("utf-8", TextEncoding.utf8), ("UTF8", .utf8), ("gbk", .gb18030), ("GB2312", .gb18030),
        ("gb18030", .gb18030), ("cp936", .gb18030), ("UTF-16LE", .utf16LE), ("utf-16be", .utf16BE),
        ("utf-16", .utf16LE),
    ])
    func parsesNames(name: String, expected: TextEncoding) {
        #expect(TextEncoding(name: name) == expected)
    }

    @Test func rejectsUnknownNames() {
        #expect(TextEncoding(name: "latin1") == nil)
        #expect(TextEncoding(name: "") == nil)
    }

    @Test func rawValuesRoundTrip() {
        for encoding in TextEncoding.allCases {
            #expect(TextEncoding(name: encoding.rawValue) == encoding)
        }
    }

    @Test func detectsByteOrderMarks() {
        #expect(TextEncoding.detect(sample: [0xEF, 0xBB, 0xBF, 0xB6, 0xA9]) == .utf8)
        #expect(TextEncoding.detect(sample: [0xFF, 0xFE, 0x61, 0x00]) == .utf16LE)
        #expect(TextEncoding.detect(sample: [0xFE, 0xFF, 0x00, 0x61]) == .utf16BE)
    }

    @Test func detectsUTF8AndGB18030() {
        #expect(TextEncoding.detect(sample: Array("order_id,qty\n".utf8)) == .utf8)
        #expect(TextEncoding.detect(sample: [UInt8]()) == .utf8)
        #expect(TextEncoding.detect(sample: Array("订单号,数量\n".utf8)) == .utf8)
        // 订单号 in GBK.
        #expect(TextEncoding.detect(sample: [0xB6, 0xA9, 0xB5, 0xA5, 0xBA, 0xC5]) == .gb18030)
        // A sequence cut off at the end of the sample still counts as UTF-8 ...
        let cut = Array("数量".utf8).dropLast()
        #expect(TextEncoding.detect(sample: Array(cut)) == .utf8)
        #expect(TextEncoding.detect(sample: cut) == .utf8)
        // ... but not in the middle, and not overlong forms or surrogates.
        #expect(TextEncoding.detect(sample: [0xE6, 0x95, 0x61]) == .gb18030)
        #expect(TextEncoding.detect(sample: [0xC0, 0xAF]) == .gb18030)
        #expect(TextEncoding.detect(sample: [0xED, 0xA0, 0x80]) == .gb18030)
    }
}
