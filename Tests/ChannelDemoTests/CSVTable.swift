import Foundation

/// A CSV file read back for assertions: RFC 4180 quotes, `\n` line ends, first row is the header.
struct CSVTable: Sendable {
    let header: [String]
    let rows: [[String]]
    private let columns: [String: Int]

    init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
        var columns: [String: Int] = [:]
        for (index, name) in header.enumerated() { columns[name] = index }
        self.columns = columns
    }

    /// Index of a column; -1 (which traps on use) when the column is missing.
    func column(_ name: String) -> Int { columns[name] ?? -1 }

    /// Values of one column.
    func values(_ name: String) -> [String] {
        let index = column(name)
        return rows.map { $0[index] }
    }

    /// Parses CSV bytes; throws on unbalanced quotes or rows whose width differs from the header.
    static func parse(_ bytes: [UInt8]) throws -> CSVTable {
        try bytes.withUnsafeBufferPointer { buffer in try parse(buffer) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> CSVTable {
        var records: [[String]] = []
        var record: [String] = []
        var index = 0
        let end = bytes.count
        while index < end {
            // One field starts at `index`.
            var value: String
            if bytes[index] == 0x22 {
                var unescaped: [UInt8] = []
                index += 1
                while true {
                    guard index < end else { throw CSVTableError("unterminated quoted field") }
                    if bytes[index] == 0x22 {
                        if index + 1 < end, bytes[index + 1] == 0x22 {
                            unescaped.append(0x22)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    unescaped.append(bytes[index])
                    index += 1
                }
                value = String(decoding: unescaped, as: UTF8.self)
                guard index == end || bytes[index] == 0x2C || bytes[index] == 0x0A else {
                    throw CSVTableError("text after a closing quote at byte \(index)")
                }
            } else {
                let start = index
                while index < end, bytes[index] != 0x2C, bytes[index] != 0x0A {
                    if bytes[index] == 0x22 { throw CSVTableError("quote inside an unquoted field at byte \(index)") }
                    if bytes[index] == 0x0D { throw CSVTableError("carriage return at byte \(index)") }
                    index += 1
                }
                value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            record.append(value)
            guard index < end else { throw CSVTableError("file does not end with a newline") }
            if bytes[index] == 0x0A {
                records.append(record)
                record = []
                record.reserveCapacity(records[0].count)
            }
            index += 1
        }
        guard record.isEmpty else { throw CSVTableError("file does not end with a newline") }
        guard let header = records.first else { throw CSVTableError("empty file") }
        let rows = Array(records.dropFirst())
        if let bad = rows.firstIndex(where: { $0.count != header.count }) {
            throw CSVTableError("row \(bad + 1) has \(rows[bad].count) fields, header has \(header.count)")
        }
        return CSVTable(header: header, rows: rows)
    }
}

struct CSVTableError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
