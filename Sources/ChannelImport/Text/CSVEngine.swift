import Foundation

/// The moving parts of a `CSVReader`: source, parser and batch under construction.
struct CSVEngine: Sendable {
    let source: TextSource
    private let builder = BatchBuilder()
    private(set) var parser: CSVParser
    private let sliceSize: Int
    private let batchByteLimit: Int
    private var ended = false
    private var failure: TextFormatError?

    init(
        url: URL,
        encoding: TextEncoding?,
        delimiter: UInt8?,
        chunkSize: Int,
        sliceSize: Int,
        maxRecordBytes: Int,
        batchByteLimit: Int
    ) throws {
        source = try TextSource(url: url, encoding: encoding, chunkSize: chunkSize)
        if case .invalid(let reason) = try source.fill() {
            throw TextFormatError(line: 1, reason: reason)
        }
        ended = source.chunkCount == 0
        parser = CSVParser(delimiter: delimiter ?? Self.detectDelimiter(source), maxRecordBytes: maxRecordBytes)
        self.sliceSize = Swift.max(1, sliceSize)
        self.batchByteLimit = batchByteLimit
    }

    mutating func nextBatch(maxRecords: Int) throws -> TextBatch? {
        if let failure { throw failure }
        if ended { return nil }
        let recordLimit = Swift.max(1, maxRecords)
        while true {
            let available = source.chunkCount - source.position
            if available == 0 {
                switch try source.fill() {
                case .data:
                    continue
                case .end:
                    builder.reserve(bytes: 0, fields: 1, records: 1)
                    parser.finish(into: builder)
                    ended = true
                    return builder.isEmpty ? nil : builder.makeBatch()
                case .invalid(let reason):
                    let error = TextFormatError(line: parser.line, reason: reason)
                    failure = error
                    parser.abandonRecord(builder)
                    if builder.isEmpty { throw error }
                    return builder.makeBatch()
                }
            }
            let slice = Swift.min(available, sliceSize)
            builder.reserve(bytes: slice, fields: slice + 1, records: slice + 1)
            let result = parser.parse(
                source.chunk + source.position,
                count: slice,
                into: builder,
                recordLimit: recordLimit,
                byteLimit: batchByteLimit
            )
            source.position += result.consumed
            if result.full { return builder.makeBatch() }
        }
    }

    /// `,` unless the first non-blank line has tabs and no commas (tab) or semicolons and no commas (`;`).
    private static func detectDelimiter(_ source: TextSource) -> UInt8 {
        let chunk = source.chunk
        var index = source.position
        let end = source.chunkCount
        while index < end && (chunk[index] == CSVParser.lineFeed || chunk[index] == CSVParser.carriageReturn) {
            index += 1
        }
        var commas = 0
        var tabs = 0
        var semicolons = 0
        while index < end {
            switch chunk[index] {
            case CSVParser.lineFeed, CSVParser.carriageReturn: index = end
            case UInt8(ascii: ","): commas += 1
            case UInt8(ascii: "\t"): tabs += 1
            case UInt8(ascii: ";"): semicolons += 1
            default: break
            }
            index += 1
        }
        if commas == 0 && tabs > 0 { return UInt8(ascii: "\t") }
        if commas == 0 && semicolons > 0 { return UInt8(ascii: ";") }
        return UInt8(ascii: ",")
    }
}
