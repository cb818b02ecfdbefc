import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif
import ZIPFoundation

@testable import ChannelWeb

/// CSV and XLSX downloads: read back, they hold the same cells (Chinese text, exact numbers, awkward characters).
@Suite struct ExportTests {
    static let table = ExportTable(
        title: "指标分析",
        columns: ["省份代码", "省份", "净销售额"],
        rows: [
            [.text("110000"), .text("北京市"), .number("1234567.89")],
            [.text("X,1"), .text("say \"hi\"\nbye"), .number("-0.50")],
            [.text("=cmd"), .text("<&>"), .empty],
        ])

    @Test func csvStartsWithABOMAndReadsBackAsTheSameCells() throws {
        let bytes = CSVExport.bytes(Self.table)
        #expect(Array(bytes.prefix(3)) == CSVExport.byteOrderMark)
        let text = try #require(String(bytes: bytes.dropFirst(3), encoding: .utf8))
        #expect(text.hasSuffix("\r\n"))
        let rows = Self.parseCSV(text)
        #expect(rows.count == 4)
        #expect(rows[0] == ["省份代码", "省份", "净销售额"])
        #expect(rows[1] == ["110000", "北京市", "1234567.89"])
        #expect(rows[2] == ["X,1", "say \"hi\"\nbye", "-0.50"])
        #expect(rows[3] == ["'=cmd", "<&>", ""], "a formula-like text is defused")
    }

    @Test func xlsxIsAZipOfAWorkbookWithTheSameCells() throws {
        let bytes = try XLSXExport.bytes(Self.table)
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a ZIP archive")
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        let names = Set(archive.map(\.path))
        #expect(names == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"])
        let sheet = try Self.read("xl/worksheets/sheet1.xml", from: archive)
        let cells = try Self.cells(sheet)
        #expect(cells["A1"] == "省份代码")
        #expect(cells["B2"] == "北京市")
        #expect(cells["C2"] == "1234567.89")
        #expect(cells["B3"] == "say \"hi\"\nbye")
        #expect(cells["C3"] == "-0.50")
        #expect(cells["B4"] == "<&>")
        #expect(cells["C4"] == nil)
        #expect(sheet.contains("<c r=\"C2\"><v>1234567.89</v></c>"), "numbers are numbers, not text")
        #expect(try Self.read("xl/workbook.xml", from: archive).contains("name=\"指标分析\""))
    }

    @Test func columnLettersAndSheetNamesFollowExcel() {
        #expect(XLSXExport.column(0) == "A")
        #expect(XLSXExport.column(25) == "Z")
        #expect(XLSXExport.column(26) == "AA")
        #expect(XLSXExport.column(701) == "ZZ")
        #expect(XLSXExport.column(702) == "AAA")
        #expect(XLSXExport.sheetName("a/b[c]:d*e?f\\g") == "abcdefg")
        #expect(XLSXExport.sheetName(String(repeating: "x", count: 40)).count == 31)
        #expect(XLSXExport.sheetName("") == "Sheet1")
    }

    static func read(_ path: String, from archive: Archive) throws -> String {
        let entry = try #require(archive[path])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return try #require(String(data: data, encoding: .utf8))
    }

    /// Cell reference -> value of a worksheet, read with Foundation's XML parser.
    static func cells(_ xml: String) throws -> [String: String] {
        let parser = XMLParser(data: Data(xml.utf8))
        let reader = SheetReader()
        parser.delegate = reader
        #expect(parser.parse(), "the sheet is well-formed XML")
        return reader.cells
    }

    final class SheetReader: NSObject, XMLParserDelegate {
        var cells: [String: String] = [:]
        private var reference: String?
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if element == "c" {
                reference = attributes["r"]
                text = ""
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            if element == "c", let reference {
                cells[reference] = text
                self.reference = nil
            }
        }
    }

    /// A small RFC 4180 reader for the test (quoted fields, doubled quotes, CRLF).
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        return rows
    }
}
