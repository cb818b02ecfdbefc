public import Foundation

/// Reads JSON Lines in batches: one flat JSON object per line, blank lines skipped.
///
/// Values must be strings, numbers, `true`/`false` or `null`. Strings are unescaped; numbers keep their source text
/// exactly (`12.30` stays `"12.30"`); booleans become `"true"`/`"false"`; null and missing keys give an empty field.
/// Every record has one field per `header` key, in header order; keys not in the header are ignored. A line that is
/// not such an object is reported in the `errors` of its batch and skipped. Lines end with LF (a CR before it is
/// whitespace).
///
/// Streams like `CSVReader`: memory stays bounded by the chunk and batch sizes.
public struct JSONLinesReader: ~Copyable, Sendable {
    /// The encoding the file is read in (given, detected, or decided by a byte-order mark).
    public let encoding: TextEncoding
    /// The keys in order of first appearance in the first 1,000 records (read at init, then the file is rewound);
    /// the batch columns follow this order.
    public let header: [String]
    /// Size of the file in bytes.
    public let totalBytes: Int64
    /// Input bytes consumed so far, for a progress bar.
    public var bytesRead: Int64 { engine.source.bytesRead }

    private var engine: JSONLinesEngine

    /// How many records the header discovery looks at.
    static let discoveryRecords = 1_000

    /// Opens a file and collects the keys of its first 1,000 records.
    ///
    /// - Parameter encoding: nil detects it (a byte-order mark, else valid UTF-8, else GB18030). A byte-order mark in
    ///   the file always wins.
    /// - Throws: file errors.
    public init(url: URL, encoding: TextEncoding? = nil) throws {
        try self.init(url: url, encoding: encoding, chunkSize: 4 << 20)
    }

    /// The full initializer; tests use small chunks to exercise the borders.
    init(url: URL, encoding: TextEncoding?, chunkSize: Int, maxLineBytes: Int = 64 << 20) throws {
        var engine = try JSONLinesEngine(url: url, encoding: encoding, chunkSize: chunkSize, maxLineBytes: maxLineBytes)
        try engine.discoverKeys(records: Self.discoveryRecords)
        self.encoding = engine.source.encoding
        self.totalBytes = engine.source.totalBytes
        self.header = engine.scanner.keys
        self.engine = engine
    }

    /// Reads up to `maxRecords` more records.
    ///
    /// A batch may hold fewer records than asked for, and may hold only errors.
    /// - Returns: the next batch, or nil at the end of the file.
    /// - Throws: `TextFormatError` when the bytes are not valid in the file's encoding (the records before it are
    ///   returned first, then every later call throws), or a file error.
    public mutating func nextBatch(maxRecords: Int = 65_536) throws -> TextBatch? {
        try engine.nextBatch(maxRecords: maxRecords)
    }
}

/// The moving parts of a `JSONLinesReader`: source, line assembly, object scanner and batch under construction.
struct JSONLinesEngine: Sendable {
    let source: TextSource
    private(set) var scanner = JSONObjectScanner()
    private let builder = BatchBuilder()
    private let maxLineBytes: Int
    private let batchByteLimit = 32 << 20
    /// The line being assembled when it straddles chunks.
    private var carry: [UInt8] = []
    private var carryOverflow = false
    /// Physical line number of the line being assembled.
    private var line = 1
    private var ended = false
    private var failure: TextFormatError?

    init(url: URL, encoding: TextEncoding?, chunkSize: Int, maxLineBytes: Int) throws {
        source = try TextSource(url: url, encoding: encoding, chunkSize: chunkSize)
        self.maxLineBytes = maxLineBytes
    }

    /// Collects keys from the first `records` objects, then rewinds. Bad lines are left for the real pass.
    mutating func discoverKeys(records: Int) throws {
        scanner.discoversKeys = true
        var found = 0
        _ = try readLines(until: { found >= records }) { scanner, pointer, count, line in
            if case .record = scanner.scan(pointer, count: count, line: line) { found += 1 }
        }
        scanner.discoversKeys = false
        source.rewind()
        carry.removeAll(keepingCapacity: false)
        carryOverflow = false
        line = 1
        ended = false
        failure = nil
        _ = builder.makeBatch()
    }

    mutating func nextBatch(maxRecords: Int) throws -> TextBatch? {
        if let failure { throw failure }
        if ended { return nil }
        let recordLimit = Swift.max(1, maxRecords)
        let builder = self.builder
        let limit = batchByteLimit
        let invalid = try readLines(until: { builder.recordCount >= recordLimit || builder.byteCount >= limit }) {
            scanner, pointer, count, line in
            switch scanner.scan(pointer, count: count, line: line) {
            case .blank:
                break
            case .error(let error):
                builder.errors.append(error)
            case .record:
                let spans = scanner.spans
                builder.reserve(bytes: scanner.scratch.count, fields: spans.count, records: 1)
                scanner.scratch.withUnsafeBufferPointer { values in
                    for span in spans {
                        if let base = values.baseAddress, !span.isEmpty {
                            builder.append(base + span.lowerBound, count: span.count)
                        }
                        builder.endField()
                    }
                }
                builder.endRecord(line: line)
            }
        }
        if let invalid {
            failure = invalid
            if builder.isEmpty { throw invalid }
            return builder.makeBatch()
        }
        return builder.isEmpty ? nil : builder.makeBatch()
    }

    /// Hands complete lines (without their LF) to `body` until `done()` or the end of the file.
    /// - Returns: the encoding error that stopped reading, if any.
    private mutating func readLines(
        until done: () -> Bool,
        _ body: (inout JSONObjectScanner, UnsafePointer<UInt8>, Int, Int) -> Void
    ) throws -> TextFormatError? {
        while !done() {
            let available = source.chunkCount - source.position
            if available == 0 {
                switch try source.fill() {
                case .data:
                    continue
                case .end:
                    ended = true
                    if !carry.isEmpty || carryOverflow { endLine(body) }
                    return nil
                case .invalid(let reason):
                    ended = true
                    return TextFormatError(line: line, reason: reason)
                }
            }
            let start = source.chunk + source.position
            var index = 0
            while index < available && start[index] != 0x0A { index += 1 }
            if index == available {
                appendToCarry(start, count: available)
                source.position += available
                continue
            }
            if carry.isEmpty && !carryOverflow {
                body(&scanner, start, index, line)
                line += 1
            } else {
                appendToCarry(start, count: index)
                endLine(body)
            }
            source.position += index + 1
        }
        return nil
    }

    private mutating func appendToCarry(_ start: UnsafePointer<UInt8>, count: Int) {
        guard !carryOverflow else { return }
        if carry.count + count > maxLineBytes {
            carryOverflow = true
            carry.removeAll(keepingCapacity: false)
            return
        }
        carry.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
    }

    /// Hands the carried line to `body` (or reports it as too long) and moves to the next line.
    private mutating func endLine(_ body: (inout JSONObjectScanner, UnsafePointer<UInt8>, Int, Int) -> Void) {
        if carryOverflow {
            builder.errors.append(
                TextFormatError(line: line, reason: "line is longer than \(ByteDescription.size(maxLineBytes))")
            )
        } else {
            let currentLine = line
            carry.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { body(&scanner, base, buffer.count, currentLine) }
            }
        }
        carry.removeAll(keepingCapacity: true)
        carryOverflow = false
        line += 1
    }
}
