/// An `ExportTable` as CSV (RFC 4180): UTF-8 with a byte-order mark, so that Excel opens Chinese text correctly;
/// comma separated, CRLF line ends, fields quoted when they hold a comma, quote or line break (quotes doubled).
///
/// A text cell that starts with `=`, `+`, `-` or `@` gets a leading `'`: a spreadsheet would otherwise run it as a
/// formula (CSV injection). Numbers are written as they are.
public enum CSVExport {
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static func bytes(_ table: ExportTable) -> [UInt8] {
        var out = byteOrderMark
        line(table.columns.map(ExportTable.Cell.text), into: &out)
        for row in table.rows { line(row, into: &out) }
        return out
    }

    private static func line(_ cells: [ExportTable.Cell], into out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch cell {
            case .empty: break
            case .number(let digits): out.append(contentsOf: digits.utf8)
            case .text(let text): field(text, into: &out)
            }
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    private static func field(_ text: String, into out: inout [UInt8]) {
        let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        guard safe.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            out.append(contentsOf: safe.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in safe.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
