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
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var index = 0
        var fieldWasQuoted = false
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == 0x22 {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == 0x22 {
                guard field.isEmpty else { throw CSVTableError("quote inside an unquoted field at byte \(index)") }
                inQuotes = true
                fieldWasQuoted = true
            } else if byte == 0x2C {
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldWasQuoted = false
            } else if byte == 0x0A {
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                records.append(record)
                record.removeAll(keepingCapacity: true)
                fieldWasQuoted = false
            } else if byte == 0x0D {
                throw CSVTableError("carriage return at byte \(index)")
            } else {
                if fieldWasQuoted { throw CSVTableError("text after a closing quote at byte \(index)") }
                field.append(byte)
            }
            index += 1
        }
        guard !inQuotes else { throw CSVTableError("unterminated quoted field") }
        guard record.isEmpty, field.isEmpty else { throw CSVTableError("file does not end with a newline") }
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
