import Foundation

/// Writes rejected rows beside their input as `<name>.rejected.csv`: where and why, then the original fields.
final class RejectedRowsFile {
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    /// The rejected-rows path for an input file: `orders.csv` -> `orders.rejected.csv`.
    static func path(for input: URL) -> String {
        input.deletingPathExtension().appendingPathExtension("rejected.csv").path
    }

    init(input: URL, header: [String]) throws {
        path = Self.path(for: input)
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ImportError.file(path: path, reason: "cannot be created for the rejected rows")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        append(["line", "column", "value", "reason"] + header)
    }

    func append(line: Int, issues: [RowIssue], fields: [String]) {
        let first = issues.first
        append(
            [String(line), issues.map(\.column).filter { !$0.isEmpty }.joined(separator: "; "), first?.value ?? "",
             issues.map(\.reason).joined(separator: "; ")] + fields)
    }

    private func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            if needsQuotes {
                buffer.append(UInt8(ascii: "\""))
                for byte in field.utf8 {
                    if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                    buffer.append(byte)
                }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: field.utf8)
            }
        }
        buffer.append(10)
        if buffer.count > 1 << 20 { flush() }
    }

    private var isClosed = false

    /// Flushes and closes the file; later calls do nothing.
    func close() throws {
        guard !isClosed else { return }
        isClosed = true
        flush()
        try handle.close()
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
