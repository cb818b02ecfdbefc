import Foundation

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
        _ = try readLines(
            until: { found >= records },
            handle: { scanner, pointer, count, line in
                if case .record = scanner.scan(pointer, count: count, line: line) { found += 1 }
            }
        )
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
        let invalid = try readLines(
            until: { builder.recordCount >= recordLimit || builder.byteCount >= limit },
            handle: { scanner, pointer, count, line in
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
        )
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
        handle body: (inout JSONObjectScanner, UnsafePointer<UInt8>, Int, Int) -> Void
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
