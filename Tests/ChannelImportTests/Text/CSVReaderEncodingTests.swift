import Foundation
import Testing

@testable import ChannelImport

struct CSVReaderEncodingTests {
    /// 订单号,数量 / 测试,1 as Chinese Excel writes it.
    private static let gbkHeader: [UInt8] = [
        0xB6, 0xA9, 0xB5, 0xA5, 0xBA, 0xC5, 0x2C, 0xCA, 0xFD, 0xC1, 0xBF, 0x0D, 0x0A,
    ]

    @Test func detectsAndDecodesGB18030() throws {
        let folder = try TextTestFolder()
        let bytes = Self.gbkHeader + TextTestSupport.encode("测试,1\r\n€,\"订单\r\n号\"\r\n", to: "GB18030")
        #expect(bytes.count > Self.gbkHeader.count + 10)
        var reader = try CSVReader(url: try folder.file(bytes: bytes))
        #expect(reader.encoding == .gb18030)
        #expect(reader.header == ["订单号", "数量"])
        let result = try TextTestSupport.readAll(&reader)
        #expect(result.records == [["测试", "1"], ["€", "订单\r\n号"]])
        #expect(result.lines == [2, 3])
        #expect(reader.bytesRead == Int64(bytes.count))
    }

    @Test func multibyteCharactersSplitAcrossChunkBorders() throws {
        let folder = try TextTestFolder()
        var text = "订单号,数量\n"
        for index in 0..<40 { text += "测试\(index),\"数量𠀋\(index)\"\n" }
        let bytes = TextTestSupport.encode(text, to: "GB18030")
        let url = try folder.file(bytes: bytes)
        var whole = try CSVReader(url: url, encoding: .gb18030)
        let reference = try TextTestSupport.readAll(&whole)
        #expect(reference.records.count == 40)
        #expect(reference.records[39] == ["测试39", "数量𠀋39"])
        for chunkSize in 8...21 {
            var reader = try CSVReader(url: url, encoding: nil, delimiter: nil, chunkSize: chunkSize)
            #expect(reader.encoding == .gb18030)
            #expect(reader.header == ["订单号", "数量"])
            #expect(try TextTestSupport.readAll(&reader) == reference, "chunk size \(chunkSize)")
        }
    }

    @Test func invalidGB18030ThrowsWithItsLine() throws {
        let folder = try TextTestFolder()
        let bytes = Self.gbkHeader + Array("1,2\n3,".utf8) + [0x81, 0x20] + Array("\n4,5\n".utf8)
        var reader = try CSVReader(url: try folder.file(bytes: bytes), encoding: .gb18030)
        let batch = try #require(try reader.nextBatch())
        #expect(batch.count == 1)
        #expect(batch.string(0, 0) == "1")
        let expected = TextFormatError(line: 3, reason: "bytes are not valid GB18030 (0x81 0x20)")
        #expect(throws: expected) { _ = try reader.nextBatch() }
        #expect(throws: expected) { _ = try reader.nextBatch() }
    }

    @Test func truncatedGB18030AtTheEndThrows() throws {
        let folder = try TextTestFolder()
        let bytes = Self.gbkHeader + Array("1,".utf8) + [0xB6]
        var reader = try CSVReader(url: try folder.file(bytes: bytes), encoding: .gb18030)
        #expect(throws: TextFormatError(line: 2, reason: "file ends inside a GB18030 sequence (0xB6)")) {
            _ = try reader.nextBatch()
        }
    }

    @Test func readsUTF16LittleEndianWithByteOrderMark() throws {
        let folder = try TextTestFolder()
        let text = "订单号\t数量\r\n测试😀\t1\r\n\"a\tb\"\t2\r\n"
        let url = try folder.file(bytes: TextTestSupport.utf16(text, littleEndian: true), named: "unicode.txt")
        for chunkSize in [8, 9, 10, 11, 4 << 20] {
            var reader = try CSVReader(url: url, encoding: nil, delimiter: nil, chunkSize: chunkSize)
            #expect(reader.encoding == .utf16LE)
            #expect(reader.delimiter == UInt8(ascii: "\t"))
            #expect(reader.header == ["订单号", "数量"])
            let result = try TextTestSupport.readAll(&reader)
            #expect(result.records == [["测试😀", "1"], ["a\tb", "2"]], "chunk size \(chunkSize)")
            #expect(result.lines == [2, 3])
        }
    }

    @Test func readsUTF16BigEndianAndByteOrderMarkWins() throws {
        let folder = try TextTestFolder()
        let url = try folder.file(bytes: TextTestSupport.utf16("名,值\n甲,1\n", littleEndian: false))
        var reader = try CSVReader(url: url, encoding: TextEncoding(name: "utf-16"))
        #expect(reader.encoding == .utf16BE)
        #expect(reader.header == ["名", "值"])
        #expect(try TextTestSupport.readAll(&reader).records == [["甲", "1"]])
    }

    @Test func readsUTF16WithoutByteOrderMarkWhenNamed() throws {
        let folder = try TextTestFolder()
        let url = try folder.file(bytes: TextTestSupport.utf16("a,b\n1,2\n", littleEndian: true, byteOrderMark: false))
        var reader = try CSVReader(url: url, encoding: .utf16LE)
        #expect(reader.header == ["a", "b"])
        #expect(try TextTestSupport.readAll(&reader).records == [["1", "2"]])
    }

    @Test func loneSurrogateInUTF16Throws() throws {
        let folder = try TextTestFolder()
        let bytes = TextTestSupport.utf16("a\n1\n", littleEndian: true) + [0x00, 0xDC, 0x0A, 0x00]
        var reader = try CSVReader(url: try folder.file(bytes: bytes))
        let batch = try #require(try reader.nextBatch())
        #expect(batch.count == 1)
        #expect(throws: TextFormatError(line: 3, reason: "bytes are not valid UTF-16LE (0x00 0xDC)")) {
            _ = try reader.nextBatch()
        }
    }

    @Test func utf8IsNotTranscodedOrValidated() throws {
        let folder = try TextTestFolder()
        let bytes = Array("a,b\n".utf8) + [0x31, 0xFF, 0x2C, 0x32, 0x0A]
        var reader = try CSVReader(url: try folder.file(bytes: bytes), encoding: .utf8)
        let batch = try #require(try reader.nextBatch())
        #expect(batch.withField(0, 0) { Array($0) } == [0x31, 0xFF])
        #expect(batch.string(0, 0) == "1\u{FFFD}")
    }
}
