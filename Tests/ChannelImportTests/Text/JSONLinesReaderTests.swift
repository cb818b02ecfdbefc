import Foundation
import Testing

@testable import ChannelImport

struct JSONLinesReaderTests {
    private func read(_ text: String, chunkSize: Int = 4 << 20) throws -> (header: [String], result: TextReadResult) {
        let folder = try TextTestFolder()
        let url = try folder.file(text, named: "input.jsonl")
        var reader = try JSONLinesReader(url: url, encoding: nil, chunkSize: chunkSize)
        let header = reader.header
        return (header, try TextTestSupport.readAll(&reader))
    }

    @Test func readsTypesAsTheirText() throws {
        let text = """
            {"order_id":"SO1","qty":12,"price":12.30,"rate":-1.5e-3,"ok":true,"returned":false,"note":null}
            { "order_id" : "SO2" , "qty" : 0 , "price" : 0.0 , "rate" : 1E+2 , "ok" : false }\r

            """
        let (header, result) = try read(text)
        #expect(header == ["order_id", "qty", "price", "rate", "ok", "returned", "note"])
        #expect(
            result.records == [
                ["SO1", "12", "12.30", "-1.5e-3", "true", "false", ""],
                ["SO2", "0", "0.0", "1E+2", "false", "", ""],
            ]
        )
        #expect(result.lines == [1, 2])
        #expect(result.errors.isEmpty)
    }

    @Test func unescapesStrings() throws {
        let text = #"{"s":"a\"b\\c\/d\b\f\n\r\t\u00e9\u4E2D","t":"订单 ✓","u":""}"# + "\n"
        let (_, result) = try read(text)
        #expect(result.records == [["a\"b\\c/d\u{8}\u{C}\n\r\té中", "订单 ✓", ""]])
    }

    @Test func decodesSurrogatePairs() throws {
        let (_, result) = try read(#"{"emoji":"\ud83d\ude00!","raw":"😀"}"#)
        #expect(result.records == [["😀!", "😀"]])
    }

    @Test func missingNullAndUnknownKeys() throws {
        let text = """
            {"a":"1","b":"2"}
            {"b":"3","c":"4"}
            {"c":null,"a":"5","zz":"ignored?"}
            {}
            """
        let (header, result) = try read(text)
        #expect(header == ["a", "b", "c", "zz"])
        #expect(
            result.records == [["1", "2", "", ""], ["", "3", "4", ""], ["5", "", "", "ignored?"], ["", "", "", ""]])
    }

    @Test func keysAfterTheFirstThousandRecordsAreIgnored() throws {
        var text = "\n"
        for index in 0..<1_000 { text += #"{"id":"\#(index)"}"# + "\n" }
        text += #"{"id":"late","late_key":"x"}"# + "\n"
        let (header, result) = try read(text)
        #expect(header == ["id"])
        #expect(result.records.count == 1_001)
        #expect(result.records.last == ["late"])
        #expect(result.lines.last == 1_002)
    }

    @Test func badLinesAreReportedWithTheirLineNumbers() throws {
        let text = """
            {"id":"1","qty":2}
            [1,2]

            {"id" "3"}
            {"id":"4","qty":{"n":1}}
            {"id":"5","qty":[1]}
            {"id":"6"} x
            {"id":"7","qty":01}
            {"id":"8
            {"id":"\\ud83d"}
            {"id":"\\q"}
            {"id":tru}
            {"id":"13","qty":2
            {"id":"14",}
            {"id":"15"}
            """
        let (_, result) = try read(text)
        #expect(result.records == [["1", "2"], ["15", ""]])
        #expect(result.lines == [1, 15])
        let expected = [
            TextFormatError(line: 2, reason: "line is not a JSON object"),
            TextFormatError(line: 4, column: 1, reason: "expected ':' after key \"id\""),
            TextFormatError(line: 5, column: 2, reason: "nested object in key \"qty\" is not supported"),
            TextFormatError(line: 6, column: 2, reason: "array in key \"qty\" is not supported"),
            TextFormatError(line: 7, reason: "unexpected 'x' after the closing '}'"),
            TextFormatError(line: 8, column: 2, reason: "invalid number for key \"qty\""),
            TextFormatError(
                line: 9,
                column: 1,
                reason: "string in the value of key \"id\" is not closed before the end of the line"
            ),
            TextFormatError(line: 10, column: 1, reason: "unpaired surrogate \\uD83D in the value of key \"id\""),
            TextFormatError(line: 11, column: 1, reason: "invalid escape '\\q' in the value of key \"id\""),
            TextFormatError(line: 12, column: 1, reason: "invalid value for key \"id\": unexpected 't'"),
            TextFormatError(line: 13, column: 2, reason: "line ends before the object is closed with '}'"),
            TextFormatError(line: 14, reason: "expected a key in double quotes, found '}'"),
        ]
        #expect(result.errors == expected)
    }

    @Test func linesStraddlingChunkBordersReadTheSame() throws {
        var text = ""
        for index in 0..<50 {
            text +=
                #"{"id":"订单\#(index)","qty":\#(index),"note":"line\nbreak \u00e9"}"# + (index % 3 == 0 ? "\r\n" : "\n")
        }
        text += "{bad}\n"
        let (referenceHeader, reference) = try read(text)
        #expect(reference.records.count == 50)
        #expect(reference.errors.map { $0.line } == [51])
        for chunkSize in [8, 9, 13, 32, 100] {
            let (header, result) = try read(text, chunkSize: chunkSize)
            #expect(header == referenceHeader)
            #expect(result == reference, "chunk size \(chunkSize)")
        }
    }

    @Test func readsGB18030AndBatchesInPieces() throws {
        let folder = try TextTestFolder()
        var text = ""
        for index in 0..<10 { text += #"{"名称":"测试\#(index)","数量":\#(index)}"# + "\n" }
        let url = try folder.file(bytes: TextTestSupport.encode(text, to: "GB18030"), named: "gbk.jsonl")
        var reader = try JSONLinesReader(url: url, encoding: nil, chunkSize: 16)
        #expect(reader.encoding == .gb18030)
        #expect(reader.header == ["名称", "数量"])
        let result = try TextTestSupport.readAll(&reader, maxRecords: 3)
        #expect(result.batches == 4)
        #expect(result.records.last == ["测试9", "9"])
        #expect(reader.bytesRead == reader.totalBytes)
    }

    @Test func emptyFile() throws {
        let (header, result) = try read("\n  \n")
        #expect(header == [])
        #expect(result.batches == 0)
    }

    @Test func overlongLineIsReported() throws {
        let folder = try TextTestFolder()
        let text = #"{"a":"\#(String(repeating: "x", count: 200))"}"# + "\n" + #"{"a":"ok"}"# + "\n"
        var reader = try JSONLinesReader(
            url: try folder.file(text, named: "long.jsonl"), encoding: nil, chunkSize: 16, maxLineBytes: 64)
        let result = try TextTestSupport.readAll(&reader)
        #expect(reader.header == ["a"])
        #expect(result.records == [["ok"]])
        #expect(result.errors == [TextFormatError(line: 1, reason: "line is longer than 64 bytes")])
    }
}
