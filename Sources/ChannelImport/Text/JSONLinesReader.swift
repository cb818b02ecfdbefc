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
