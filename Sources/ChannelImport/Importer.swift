public import ChannelStore
import ChannelCore
import Foundation

/// Imports files into the store in one transaction: everything or, under `abort` with rejected rows, nothing.
///
/// Two threads share the work: one reads and decodes the files (text, encodings, mapping, per-row validation),
/// the other checks references and writes, so parsing overlaps with SQLite's inserts. Files are taken parents
/// first (regions, partners, products, outlets, orders, lines, ...) whatever order they were given in, so
/// references are checked across the files of one import.
public struct Importer: Sendable {
    private let store: any ChannelStore
    private let options: ImportOptions

    public init(store: any ChannelStore, options: ImportOptions = ImportOptions()) {
        self.store = store
        self.options = options
    }

    /// Imports the files and folders at `paths`.
    /// - Parameter progress: called now and then from the writing thread.
    /// - Returns: the report; `isCommitted` is false when rows were rejected under `abort`.
    /// - Throws: `ImportError` when the input cannot even be listed (a missing path, a file of no known entity),
    ///   `StoreError` when the store fails. A file that cannot be read (empty, missing columns, bad encoding) is an
    ///   issue of the report: under `abort` it ends the import with nothing written.
    public func run(paths: [String], progress: (@Sendable (ImportProgress) -> Void)? = nil) throws -> ImportReport {
        let started = Date()
        let (files, skipped) = try FileLayout.files(
            paths: paths, entity: options.entity, mapping: options.mapping, encoding: options.encoding)
        if options.onError == .skip {
            for file in files { try? FileManager.default.removeItem(atPath: RejectedRowsFile.path(for: file.url)) }
        }
        let queue = BlockingQueue<PipelineItem>(capacity: 6)
        let reader = FileDecoder(files: files, options: options)
        let thread = Thread { reader.run(into: queue) }
        thread.stackSize = 8 << 20
        thread.start()
        defer { queue.cancel() }

        var report: ImportReport
        do {
            report = try store.bulkWrite(actor: options.actor) { writer in
                let session = try ImportSession(writer: writer, options: options, files: files, progress: progress)
                while let item = queue.take() {
                    try session.handle(item)
                    // A file that cannot be read as a whole ends an all-or-nothing import at once.
                    if case .fileFailed = item, options.onError == .abort { throw AbortedImport(report: session.report) }
                }
                try session.finish()
                var report = session.report
                if report.issueCount > 0, options.onError == .abort { throw AbortedImport(report: report) }
                report.isCommitted = true
                return report
            }
        } catch let aborted as AbortedImport {
            report = aborted.report
        }
        report.skipped = skipped
        report.seconds = Date().timeIntervalSince(started)
        return report
    }
}

/// Unwinds the store transaction when rows were rejected under `abort`, carrying the report out.
private struct AbortedImport: Error {
    var report: ImportReport
}

/// The reading side: opens each file, matches its header to the model, decodes batches and hands them over.
private struct FileDecoder: Sendable {
    let files: [ImportFile]
    let options: ImportOptions

    func run(into queue: BlockingQueue<PipelineItem>) {
        defer { queue.finish() }
        for (index, file) in files.enumerated() {
            do {
                guard try decode(file, index: index, into: queue) else { return }
                guard queue.put(.fileEnd(index: index)) else { return }
            } catch let error as ImportError {
                guard queue.put(.fileFailed(index: index, error: error)) else { return }
            } catch let error as TextFormatError {
                let failure = ImportError.file(path: file.path, reason: "line \(error.line): \(error.reason)")
                guard queue.put(.fileFailed(index: index, error: failure)) else { return }
            } catch {
                let failure = ImportError.file(path: file.path, reason: "cannot be read (\(error.localizedDescription))")
                guard queue.put(.fileFailed(index: index, error: failure)) else { return }
            }
        }
    }

    /// Streams one file into the queue; false when the consumer cancelled.
    private func decode(_ file: ImportFile, index: Int, into queue: BlockingQueue<PipelineItem>) throws -> Bool {
        switch file.format {
        case .csv:
            var reader = try CSVReader(url: file.url, encoding: file.encoding, delimiter: file.delimiter)
            return try stream(file, index, header: reader.header, encoding: reader.encoding, queue: queue) {
                (try reader.nextBatch(), reader.bytesRead)
            }
        case .jsonLines:
            var reader = try JSONLinesReader(url: file.url, encoding: file.encoding)
            return try stream(file, index, header: reader.header, encoding: reader.encoding, queue: queue, isJSON: true) {
                (try reader.nextBatch(), reader.bytesRead)
            }
        }
    }

    private func stream(
        _ file: ImportFile, _ index: Int, header: [String], encoding: TextEncoding, queue: BlockingQueue<PipelineItem>,
        isJSON: Bool = false, next: () throws -> (TextBatch?, Int64)
    ) throws -> Bool {
        if header.isEmpty, !isJSON {
            throw ImportError.file(path: file.path, reason: "is empty: expected a header row with \(file.kind.columns.joined(separator: ", "))")
        }
        var plan = try ColumnPlan(
            kind: file.kind, header: header, mapping: options.mapping?.mapping(for: file.kind), calendar: options.calendar,
            file: file.path)
        if isJSON { plan.sourceFieldCount = 0 }
        guard
            queue.put(
                .fileStart(
                    index: index, encoding: encoding.rawValue, sourceHeader: header, columnHeaders: plan.columns.map(\.header),
                    columnSources: plan.columns.map(\.source),
                    ignored: plan.ignoredHeaders))
        else { return false }
        while true {
            let (batch, bytesRead) = try next()
            guard let batch else { return true }
            let (records, indexes, rejected) = DecodedRecords.decode(batch, plan: plan, file: file.path)
            let chunk = DecodedChunk(
                fileIndex: index, batch: batch, records: records, recordIndexes: indexes, rejected: rejected, bytesRead: bytesRead)
            guard queue.put(.chunk(chunk)) else { return false }
        }
    }
}
