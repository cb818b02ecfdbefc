public import Foundation

/// Reads a delimited text file (RFC 4180) in batches of records.
///
/// Fields are separated by the delimiter; records end with LF, CRLF or a lone CR; fields may be quoted with `"`,
/// where `""` stands for one quote and delimiters and line breaks are content. Blank lines are skipped. A malformed
/// record is reported in the `errors` of the batch in which it occurs and skipped up to the end of its physical
/// line; reading goes on. How many fields a record has is the caller's business.
///
/// The reader streams: it reads the file in chunks of a few MiB and memory stays bounded by the chunk and batch
/// sizes, whatever the file size. UTF-8 input is scanned in place; GB18030 and UTF-16 are transcoded on the fly.
///
/// ```swift
/// var reader = try CSVReader(url: url)
/// while let batch = try reader.nextBatch() {
///     for record in 0..<batch.count { _ = batch.string(record, 0) }
/// }
/// ```
public struct CSVReader: ~Copyable, Sendable {
    /// The encoding the file is read in (given, detected, or decided by a byte-order mark).
    public let encoding: TextEncoding
    /// The field separator (given, or detected from the header line).
    public let delimiter: UInt8
    /// The fields of the first record, read at init; `[]` for an empty file.
    public let header: [String]
    /// Size of the file in bytes.
    public let totalBytes: Int64
    /// Input bytes consumed so far, for a progress bar.
    public var bytesRead: Int64 { engine.source.bytesRead }

    private var engine: CSVEngine

    /// Opens a file and reads its header.
    ///
    /// - Parameters:
    ///   - encoding: nil detects it (a byte-order mark, else valid UTF-8, else GB18030). A byte-order mark in the
    ///     file always wins.
    ///   - delimiter: nil detects it from the header line: `,` unless the line has tabs and no commas (then tab),
    ///     or semicolons and no commas (then `;`).
    /// - Throws: file errors, or `TextFormatError` when the header is malformed or the bytes are not valid in the
    ///   encoding.
    public init(url: URL, encoding: TextEncoding? = nil, delimiter: UInt8? = nil) throws {
        try self.init(url: url, encoding: encoding, delimiter: delimiter, chunkSize: 4 << 20)
    }

    /// The full initializer; tests use small chunk and record sizes to exercise the borders.
    init(
        url: URL,
        encoding: TextEncoding?,
        delimiter: UInt8?,
        chunkSize: Int,
        sliceSize: Int = 1 << 18,
        maxRecordBytes: Int = 64 << 20,
        batchByteLimit: Int = 32 << 20
    ) throws {
        if let delimiter {
            guard delimiter < 0x80,
                delimiter != CSVParser.quote,
                delimiter != CSVParser.lineFeed,
                delimiter != CSVParser.carriageReturn
            else {
                throw TextFormatError(
                    line: 1,
                    reason: "delimiter \(ByteDescription.hex(delimiter)) is not usable: "
                        + "it must be an ASCII character other than a quote or a line break"
                )
            }
        }
        var engine = try CSVEngine(
            url: url,
            encoding: encoding,
            delimiter: delimiter,
            chunkSize: chunkSize,
            sliceSize: sliceSize,
            maxRecordBytes: maxRecordBytes,
            batchByteLimit: batchByteLimit
        )
        var header: [String] = []
        if let batch = try engine.nextBatch(maxRecords: 1) {
            if let error = batch.errors.first { throw error }
            if batch.count > 0 {
                header = (0..<batch.fieldCount(0)).map { batch.string(0, $0) }
            }
        }
        self.encoding = engine.source.encoding
        self.totalBytes = engine.source.totalBytes
        self.delimiter = engine.parser.delimiter
        self.header = header
        self.engine = engine
    }

    /// Reads up to `maxRecords` more records.
    ///
    /// A batch may hold fewer records than asked for (at the end of the file, or when its contents pass 32 MiB), and
    /// may hold only errors.
    /// - Returns: the next batch, or nil at the end of the file.
    /// - Throws: `TextFormatError` when the bytes are not valid in the file's encoding (the records before it
    ///   are returned first, then every later call throws), or a file error.
    public mutating func nextBatch(maxRecords: Int = 65_536) throws -> TextBatch? {
        try engine.nextBatch(maxRecords: maxRecords)
    }
}
