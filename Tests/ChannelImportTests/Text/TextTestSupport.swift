import Foundation

@testable import ChannelImport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A temporary folder for one test's input files, removed when the fixture goes away.
final class TextTestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `text` as UTF-8.
    func file(_ text: String, named name: String = "input.csv") throws -> URL {
        try file(bytes: Array(text.utf8), named: name)
    }

    /// Writes raw bytes.
    func file(bytes: [UInt8], named name: String = "input.csv") throws -> URL {
        let fileURL = url.appendingPathComponent(name)
        try Data(bytes).write(to: fileURL)
        return fileURL
    }
}

/// Everything a reader produced, flattened for comparison.
struct TextReadResult: Equatable {
    var records: [[String]] = []
    var lines: [Int] = []
    var errors: [TextFormatError] = []
    var batches = 0

    mutating func add(_ batch: TextBatch) {
        batches += 1
        for record in 0..<batch.count {
            records.append((0..<batch.fieldCount(record)).map { batch.string(record, $0) })
            lines.append(batch.line(record))
        }
        errors += batch.errors
    }

    static func == (lhs: TextReadResult, rhs: TextReadResult) -> Bool {
        lhs.records == rhs.records && lhs.lines == rhs.lines && lhs.errors == rhs.errors
    }
}

enum TextTestSupport {
    /// Reads every remaining batch of a CSV reader.
    static func readAll(_ reader: inout CSVReader, maxRecords: Int = 65_536) throws -> TextReadResult {
        var result = TextReadResult()
        while let batch = try reader.nextBatch(maxRecords: maxRecords) { result.add(batch) }
        return result
    }

    /// Reads every remaining batch of a JSON Lines reader.
    static func readAll(_ reader: inout JSONLinesReader, maxRecords: Int = 65_536) throws -> TextReadResult {
        var result = TextReadResult()
        while let batch = try reader.nextBatch(maxRecords: maxRecords) { result.add(batch) }
        return result
    }

    /// Encodes UTF-8 text with iconv (e.g. to "GB18030").
    static func encode(_ text: String, to encoding: String) -> [UInt8] {
        let handle = iconv_open(encoding, "UTF-8")
        guard let handle, Int(bitPattern: handle) != -1 else { return [] }
        defer { iconv_close(handle) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let outputCapacity = output.count
        var inputLeft = input.count
        var outputLeft = outputCapacity
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress.map {
                    UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
                }
                var outPointer = outBuffer.baseAddress.map {
                    UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
                }
                _ = iconv(handle, &inPointer, &inputLeft, &outPointer, &outputLeft)
            }
        }
        return Array(output[0..<(outputCapacity - outputLeft)])
    }

    /// UTF-16 code units of `text` as bytes, with a byte-order mark.
    static func utf16(_ text: String, littleEndian: Bool, byteOrderMark: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = byteOrderMark ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for unit in text.utf16 {
            let low = UInt8(unit & 0xFF)
            let high = UInt8(unit >> 8)
            bytes += littleEndian ? [low, high] : [high, low]
        }
        return bytes
    }
}
