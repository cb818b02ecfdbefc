public import ChannelCore

/// What an import did, file by file.
public struct ImportReport: Sendable {
    /// Counts for one input file.
    public struct FileResult: Sendable, Equatable {
        public var path: String
        public var kind: EntityKind
        public var encoding: String
        /// Data rows read (records, including rejected ones).
        public var rows = 0
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0
        public var rejected = 0
        /// Source headers that feed no model column.
        public var ignoredHeaders: [String] = []
        /// Where rejected rows were written (`--on-error skip`).
        public var rejectedFile: String?
    }

    public var files: [FileResult] = []
    public var skipped: [SkippedFile] = []
    /// The first issues found (up to `ImportOptions.issueLimit`).
    public var issues: [RowIssue] = []
    /// All rejected rows and failed files.
    public var issueCount = 0
    /// Whether the import's transaction was committed (false when `abort` met rejected rows).
    public var isCommitted = false
    public var seconds = 0.0

    public var totalRows: Int { files.reduce(0) { $0 + $1.rows } }
    public var totalRejected: Int { files.reduce(0) { $0 + $1.rejected } }
}

/// Progress of a running import, for a progress bar.
public struct ImportProgress: Sendable {
    public var file: String
    public var kind: EntityKind
    /// Rows processed so far over all files.
    public var rows: Int
    /// Input bytes consumed so far over all files, and their total.
    public var bytes: Int64
    public var totalBytes: Int64
}
