import Foundation
import Testing

@testable import ChannelImport

struct CSVReaderTests {
    private func read(
        _ text: String,
        chunkSize: Int = 4 << 20,
        delimiter: UInt8? = nil
    ) throws -> (header: [String], result: TextReadResult) {
        let folder = try TextTestFolder()
        let url = try folder.file(text)
        var reader = try CSVReader(url: url, encoding: nil, delimiter: delimiter, chunkSize: chunkSize)
        let header = reader.header
        return (header, try TextTestSupport.readAll(&reader))
    }

    @Test func readsHeaderAndRecordsWithLineNumbers() throws {
        let (header, result) = try read("order_id,qty\nSO1,12\nSO2,3\n")
        #expect(header == ["order_id", "qty"])
        #expect(result.records == [["SO1", "12"], ["SO2", "3"]])
        #expect(result.lines == [2, 3])
        #expect(result.errors.isEmpty)
    }

    @Test func skipsUTF8ByteOrderMark() throws {
        let folder = try TextTestFolder()
        let url = try folder.file(bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8))
        var reader = try CSVReader(url: url)
        #expect(reader.header == ["a", "b"])
        #expect(reader.encoding == .utf8)
        let result = try TextTestSupport.readAll(&reader)
        #expect(result.records == [["1", "2"]])
    }

    @Test func handlesCRLF() throws {
        let (header, result) = try read("a,b\r\n1,2\r\n3,4\r\n")
        #expect(header == ["a", "b"])
        #expect(result.records == [["1", "2"], ["3", "4"]])
        #expect(result.lines == [2, 3])
    }

    @Test func handlesLoneCR() throws {
        let (header, result) = try read("a,b\r1,2\r\r3,4")
        #expect(header == ["a", "b"])
        #expect(result.records == [["1", "2"], ["3", "4"]])
        #expect(result.lines == [2, 4])
    }

    @Test func quotedFieldsMayHoldDelimiters() throws {
        let (_, result) = try read("a,b\n\"x,y\",2\n\"\",\",\"\n")
        #expect(result.records == [["x,y", "2"], ["", ","]])
    }

    @Test func quotedNewlinesKeepLineNumbersRight() throws {
        let (_, result) = try read("a,b\n\"line1\nline2\",2\n3,\"x\r\ny\rz\"\n5,6\n")
        #expect(result.records == [["line1\nline2", "2"], ["3", "x\r\ny\rz"], ["5", "6"]])
        #expect(result.lines == [2, 4, 7])
    }

    @Test func doubledQuotesAreOneQuote() throws {
        let (_, result) = try read("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n")
        #expect(result.records == [["say \"hi\"", "\""]])
    }

    @Test func lastRecordWithoutNewline() throws {
        let (_, result) = try read("a,b\n1,2\n3,4")
        #expect(result.records == [["1", "2"], ["3", "4"]])
        let (_, quoted) = try read("a,b\n1,\"2\"")
        #expect(quoted.records == [["1", "2"]])
        let (_, trailingDelimiter) = try read("a,b\n1,")
        #expect(trailingDelimiter.records == [["1", ""]])
    }

    @Test func emptyFiles() throws {
        for bytes: [UInt8] in [[], [0xEF, 0xBB, 0xBF], Array("\n\r\n\n".utf8), [0xEF, 0xBB, 0xBF, 0x0A]] {
            let folder = try TextTestFolder()
            let url = try folder.file(bytes: bytes)
            var reader = try CSVReader(url: url)
            #expect(reader.header == [])
            #expect(reader.totalBytes == Int64(bytes.count))
            #expect(try reader.nextBatch() == nil)
            #expect(try reader.nextBatch() == nil)
        }
    }

    @Test func headerOnly() throws {
        for text in ["a,b\n", "a,b", "a,b\r\n\r\n"] {
            let (header, result) = try read(text)
            #expect(header == ["a", "b"])
            #expect(result.records.isEmpty)
            #expect(result.batches == 0)
        }
    }

    @Test func blankLinesAreSkipped() throws {
        let (header, result) = try read("\na,b\n\n1,2\n\n\n3,4\n\n")
        #expect(header == ["a", "b"])
        #expect(result.records == [["1", "2"], ["3", "4"]])
        #expect(result.lines == [4, 7])
    }

    @Test func fieldCountIsTheCallersBusiness() throws {
        let folder = try TextTestFolder()
        var reader = try CSVReader(url: try folder.file("a,b\n1\n1,2,3\n,\n"))
        let batch = try #require(try reader.nextBatch())
        #expect(batch.count == 3)
        #expect(batch.fieldCount(0) == 1)
        #expect(batch.fieldCount(1) == 3)
        #expect(batch.fieldCount(2) == 2)
        #expect(batch.string(0, 5) == "")
        #expect(batch.string(0, 1).isEmpty)
        #expect(!batch.string(1, 2).isEmpty)
        #expect(batch.string(2, 0).isEmpty && batch.string(2, 1).isEmpty)
        #expect(batch.withField(1, 2) { Array($0) } == [UInt8(ascii: "3")])
        #expect(batch.withField(0, 9) { $0.count } == 0)
    }

    @Test func quoteInUnquotedFieldIsReportedAndSkipped() throws {
        let (_, result) = try read("a,b\n1,x\"y\n2,3\n")
        #expect(result.errors == [TextFormatError(line: 2, column: 2, reason: "unexpected quote in unquoted field")])
        #expect(result.records == [["2", "3"]])
        #expect(result.lines == [3])
    }

    @Test func characterAfterClosingQuoteIsReportedAndSkipped() throws {
        let (_, result) = try read("a,b\n\"x\"y,1\n2,\"ok\"\n\"订\"单,1\n3,4\n")
        #expect(
            result.errors == [
                TextFormatError(line: 2, column: 1, reason: "unexpected character 'y' after closing quote"),
                TextFormatError(line: 4, column: 1, reason: "unexpected character '单' after closing quote"),
            ]
        )
        #expect(result.records == [["2", "ok"], ["3", "4"]])
        #expect(result.lines == [3, 5])
    }

    @Test func errorAfterQuotedNewlineSkipsToTheEndOfItsLine() throws {
        let (_, result) = try read("a,b\n1,\"x\ny\"z,\"q\n2,3\n")
        #expect(
            result.errors == [
                TextFormatError(line: 3, column: 2, reason: "unexpected character 'z' after closing quote")
            ])
        #expect(result.records == [["2", "3"]])
        #expect(result.lines == [4])
    }

    @Test func unclosedQuoteNamesTheLineWhereItOpened() throws {
        let (_, result) = try read("a,b\n1,2\n3,\"abc\n4,5\n6,7\n")
        #expect(result.records == [["1", "2"]])
        #expect(
            result.errors == [
                TextFormatError(line: 3, column: 2, reason: "quoted field opened on line 3 is never closed")
            ]
        )
    }

    @Test func errorsBelongToTheBatchInWhichTheyOccur() throws {
        let folder = try TextTestFolder()
        var reader = try CSVReader(url: try folder.file("a\n1\n2\nx\"\n3\n4\n"))
        let first = try #require(try reader.nextBatch(maxRecords: 2))
        #expect(first.count == 2 && first.errors.isEmpty)
        let second = try #require(try reader.nextBatch(maxRecords: 2))
        #expect(second.count == 2)
        #expect(second.lines == [5, 6])
        #expect(second.errors.map { $0.line } == [4])
        #expect(try reader.nextBatch(maxRecords: 2) == nil)
    }

    @Test func malformedHeaderThrows() throws {
        let folder = try TextTestFolder()
        let url = try folder.file("a,\"b\n1,2\n")
        #expect(throws: TextFormatError(line: 1, column: 2, reason: "quoted field opened on line 1 is never closed")) {
            _ = try CSVReader(url: url)
        }
    }

    @Test func recordsStraddlingChunkBordersReadTheSame() throws {
        let text =
            "id,note,qty\r\nSO1,\"a, \"\"quoted\"\"\r\nnote\",12\r\n\r\nSO2,plain,3\rSO3,\"\",\n"
            + "bad,x\"y,1\nSO4,\"订单\",7\nSO5,\"unterminated\n"
        let (referenceHeader, reference) = try read(text)
        #expect(reference.records.count == 4)
        #expect(reference.errors.count == 2)
        for chunkSize in [4, 5, 6, 7, 8, 9, 11, 13, 16, 23, 64] {
            let (header, result) = try read(text, chunkSize: chunkSize)
            #expect(header == referenceHeader, "chunk size \(chunkSize)")
            #expect(result == reference, "chunk size \(chunkSize)")
        }
        #expect(reference.lines == [2, 5, 6, 8])
        #expect(reference.records[0] == ["SO1", "a, \"quoted\"\r\nnote", "12"])
    }

    @Test func smallSlicesAndBatchesReadTheSame() throws {
        let folder = try TextTestFolder()
        var text = "a,b,c\n"
        for index in 0..<500 { text += "\(index),\"q\(index)\n\(index)\",x\(index)\r\n" }
        let url = try folder.file(text)
        var whole = try CSVReader(url: url)
        let reference = try TextTestSupport.readAll(&whole)
        var sliced = try CSVReader(url: url, encoding: nil, delimiter: nil, chunkSize: 64, sliceSize: 3)
        let result = try TextTestSupport.readAll(&sliced, maxRecords: 7)
        #expect(result == reference)
        #expect(result.records.count == 500)
        #expect(result.batches == 72)
        #expect(result.lines.last == 1_000)
    }

    @Test func oversizedRecordIsDroppedWithAnError() throws {
        let folder = try TextTestFolder()
        let url = try folder.file("a\n\"" + String(repeating: "x", count: 300) + "\"\n1\n")
        var reader = try CSVReader(
            url: url, encoding: nil, delimiter: nil, chunkSize: 16, sliceSize: 8, maxRecordBytes: 100)
        let result = try TextTestSupport.readAll(&reader)
        #expect(result.records == [["1"]])
        #expect(
            result.errors == [TextFormatError(line: 2, reason: "record starting on line 2 is longer than 100 bytes")])
    }

    @Test func detectsDelimiter() throws {
        let folder = try TextTestFolder()
        var tabbed = try CSVReader(url: try folder.file("a\tb;c\n1\t2,5\n", named: "tab.tsv"))
        #expect(tabbed.delimiter == UInt8(ascii: "\t"))
        #expect(tabbed.header == ["a", "b;c"])
        #expect(try TextTestSupport.readAll(&tabbed).records == [["1", "2,5"]])
        let semicolons = try CSVReader(url: try folder.file("a;b\n1;2\n", named: "semi.csv"))
        #expect(semicolons.delimiter == UInt8(ascii: ";"))
        let commas = try CSVReader(url: try folder.file("a,b\tc;d\n", named: "comma.csv"))
        #expect(commas.delimiter == UInt8(ascii: ","))
        let single = try CSVReader(url: try folder.file("a\n1\n", named: "single.csv"))
        #expect(single.delimiter == UInt8(ascii: ","))
        var given = try CSVReader(url: try folder.file("a|b\n1|2\n", named: "pipe.csv"), delimiter: UInt8(ascii: "|"))
        #expect(given.header == ["a", "b"])
        #expect(try TextTestSupport.readAll(&given).records == [["1", "2"]])
        #expect(throws: TextFormatError.self) {
            _ = try CSVReader(url: try folder.file("a\n", named: "quote.csv"), delimiter: UInt8(ascii: "\""))
        }
    }

    @Test func reportsProgress() throws {
        let folder = try TextTestFolder()
        let text = "a,b\n" + String(repeating: "1,2\n", count: 100)
        var reader = try CSVReader(url: try folder.file(text), encoding: nil, delimiter: nil, chunkSize: 64)
        #expect(reader.totalBytes == Int64(text.utf8.count))
        #expect(reader.bytesRead == 4)
        _ = try reader.nextBatch(maxRecords: 10)
        #expect(reader.bytesRead == 44)
        _ = try TextTestSupport.readAll(&reader)
        #expect(reader.bytesRead == reader.totalBytes)
    }

    @Test func missingFileThrows() throws {
        let folder = try TextTestFolder()
        #expect(throws: (any Error).self) {
            _ = try CSVReader(url: folder.url.appendingPathComponent("nope.csv"))
        }
    }
}
