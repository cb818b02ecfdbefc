import ChannelCore
import ChannelStore
import Foundation

/// The writing side of an import: checks each decoded record's references against stored rows and rows written
/// earlier in this import, writes it through the store's bulk writer, and keeps the report.
final class ImportSession {
    /// A reference problem: the model column, its value, and why.
    typealias Problem = RecordChecks.Problem

    private struct Pending<Record> {
        var record: Record
        var batch: TextBatch
        var recordIndex: Int
        var fileIndex: Int
    }

    private struct FileHeaders {
        var source: [String]
        /// Source header per model column (for messages).
        var columns: [String]
        /// Source field per model column, nil when the file lacks it.
        var fields: [Int?]
    }

    private let writer: any BulkWriter
    private let options: ImportOptions
    private let files: [ImportFile]
    private let progress: ((ImportProgress) -> Void)?
    private let bytesBefore: [Int64]
    private let fileSizes: [Int64]
    private let totalBytes: Int64
    private var hinted = Set<Int>()
    private var headers: [Int: FileHeaders] = [:]
    private var rejectedFiles: [Int: RejectedRowsFile] = [:]
    private let checks: RecordChecks
    private var pendingRegions: [Pending<Region>] = []
    private var pendingPartners: [Pending<Partner>] = []
    private var lastProgress = Date.distantPast
    private var lastProgressFile = -1
    private(set) var report = ImportReport()

    init(writer: any BulkWriter, options: ImportOptions, files: [ImportFile], progress: ((ImportProgress) -> Void)?) throws {
        self.writer = writer
        checks = RecordChecks(writer: writer)
        self.options = options
        self.files = files
        self.progress = progress
        var before: [Int64] = []
        var sizes: [Int64] = []
        var total: Int64 = 0
        for file in files {
            before.append(total)
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? 0
            sizes.append(size)
            total += size
        }
        bytesBefore = before
        fileSizes = sizes
        totalBytes = total
        report.files = files.map { ImportReport.FileResult(path: $0.path, kind: $0.kind, encoding: "") }
        try writer.expect(inputBytes: Dictionary(zip(files.map(\.kind), sizes.map { Int($0) }), uniquingKeysWith: +))
    }

    func handle(_ item: PipelineItem) throws {
        switch item {
        case .fileStart(let index, let encoding, let source, let columns, let fields, let ignored):
            try flushPending(before: files[index].kind)
            // Files come grouped by kind, parents first: a new kind means the previous one is complete.
            if index > 0, files[index - 1].kind != files[index].kind { try writer.finishLoading(files[index - 1].kind) }
            report.files[index].encoding = encoding
            report.files[index].ignoredHeaders = ignored
            headers[index] = FileHeaders(source: source, columns: columns, fields: fields)
        case .chunk(let chunk):
            try apply(chunk)
        case .fileEnd(let index):
            let kind = files[index].kind
            // Regions and partners are written as a whole tree when their kind is complete (flushPending).
            if kind != .regions && kind != .partners {
                try writer.finishBatch(kind, source: files[index].path)
                try rejectedFiles[index]?.close()
            }
        case .fileFailed(let index, let error):
            report.issueCount += 1
            report.issues.append(
                RowIssue(file: files[index].path, line: 0, column: "", header: "", value: "", reason: "\(error)"))
        }
    }

    /// Writes what is still buffered and closes the rejected-row files.
    func finish() throws {
        try flushPending(before: nil)
        for file in rejectedFiles.values { try file.close() }
        for (index, file) in rejectedFiles { report.files[index].rejectedFile = file.path }
    }

    // MARK: Per kind

    private func apply(_ chunk: DecodedChunk) throws {
        let index = chunk.fileIndex
        // From the first chunk's bytes per record, tell the writer about how many rows the whole file holds.
        if hinted.insert(index).inserted, chunk.bytesRead > 0 {
            let records = Double(chunk.batch.count)
            let estimate = records * Double(fileSizes[index]) / Double(chunk.bytesRead)
            try writer.expect(rows: Int(min(estimate * 1.05, 1e9)), of: files[index].kind)
        }
        for rejected in chunk.rejected { try reject(index, chunk.batch, rejected.record, rejected.issues) }
        report.files[index].rows += chunk.recordIndexes.count + chunk.rejected.filter { $0.record != nil }.count
        switch chunk.records {
        case .regions(let rows):
            pendingRegions += zip(rows, chunk.recordIndexes).map { Pending(record: $0, batch: chunk.batch, recordIndex: $1, fileIndex: index) }
        case .partners(let rows):
            pendingPartners += zip(rows, chunk.recordIndexes).map { Pending(record: $0, batch: chunk.batch, recordIndex: $1, fileIndex: index) }
        case .products(let rows):
            try write(rows, chunk, key: \.sku.rawValue, check: { _ in nil }, write: writer.write)
        case .outlets(let rows):
            try write(rows, chunk, key: \.id.rawValue, check: checks.outlet, write: writer.write)
        case .orders(let rows):
            try write(rows, chunk, key: \.id.rawValue, check: { _ in nil }, write: writer.write)
        case .orderLines(let rows):
            try write(rows, chunk, key: { "\($0.orderID)/\($0.lineNumber)" }, check: checks.line, write: writer.write)
        case .shipments(let rows):
            try write(rows, chunk, key: \.id.rawValue, check: { _ in nil }, write: writer.write)
        case .inventorySnapshots(let rows):
            try write(rows, chunk, key: { "\($0.snapshotDate)/\($0.locationID)/\($0.sku)" }, check: { _ in nil }, write: writer.write)
        case .feedback(let rows):
            try write(rows, chunk, key: \.id.rawValue, check: checks.feedback, write: writer.write)
        case .complaints(let rows):
            try write(rows, chunk, key: \.id.rawValue, check: checks.complaint, write: writer.write)
        }
        reportProgress(chunk)
    }

    private func write<Record>(
        _ records: [Record], _ chunk: DecodedChunk, key: (Record) -> String, check: (Record) throws -> Problem?,
        write: (Record) throws -> WriteOutcome
    ) throws {
        for (record, recordIndex) in zip(records, chunk.recordIndexes) {
            try writeOne(record, chunk.batch, recordIndex, chunk.fileIndex, key: key, check: check, write: write)
        }
    }

    private func writeOne<Record>(
        _ record: Record, _ batch: TextBatch, _ recordIndex: Int, _ fileIndex: Int, key: (Record) -> String,
        check: (Record) throws -> Problem?, write: (Record) throws -> WriteOutcome
    ) throws {
        if let problem = try check(record) {
            try reject(fileIndex, batch, recordIndex, [issue(fileIndex, batch, recordIndex, problem)])
            return
        }
        let outcome: WriteOutcome
        do {
            outcome = try write(record)
        } catch let broken as BrokenReference {
            try reject(fileIndex, batch, recordIndex, [issue(fileIndex, batch, recordIndex, (broken.column, broken.value, broken.reason))])
            return
        }
        switch outcome {
        case .inserted: report.files[fileIndex].inserted += 1
        case .updated: report.files[fileIndex].updated += 1
        case .unchanged: report.files[fileIndex].unchanged += 1
        case .duplicate:
            let kind = files[fileIndex].kind
            let problem: Problem = (kind.keyColumns[0], key(record), "repeats the key \(kind.keyColumns.joined(separator: " + ")) of an earlier row of this import")
            try reject(fileIndex, batch, recordIndex, [issue(fileIndex, batch, recordIndex, problem)])
        }
    }

    // MARK: Trees (regions, partners): checked as a whole, written parents first

    private func flushPending(before next: EntityKind?) throws {
        if !pendingRegions.isEmpty, next != .regions {
            let rows = takeUnique(&pendingRegions, key: \.id.rawValue)
            var tree = try checks.regionTree()
            let (issues, order) = tree.merge(rows.map(\.record))
            checks.update(tree)
            try writeTree(rows, order: order, issues: { issues[$0.id] }, key: \.id.rawValue, kind: .regions) { [writer] region in
                if let parent = region.parentID, try !writer.contains(region: parent) {
                    return ("parent_id", parent.rawValue, "refers to a region that was rejected")
                }
                return nil
            } write: { try self.writer.write($0) }
        }
        if !pendingPartners.isEmpty, next != .partners {
            let rows = takeUnique(&pendingPartners, key: \.id.rawValue)
            var graph = PartnerGraph(existing: try writer.partnerNodes())
            let (issues, order) = graph.merge(rows.map(\.record))
            try writeTree(rows, order: order, issues: { issues[$0.id] }, key: \.id.rawValue, kind: .partners) { [writer] partner in
                if let parent = partner.parentID, try writer.tier(ofPartner: parent) == nil {
                    return ("parent_id", parent.rawValue, "refers to a partner that was rejected")
                }
                return try self.checks.city(partner.regionID)
            } write: { try self.writer.write($0) }
        }
    }

    /// Drops (and rejects) rows whose key repeats an earlier row, keeping the first.
    private func takeUnique<Record>(_ pending: inout [Pending<Record>], key: (Record) -> String) -> [Pending<Record>] {
        var seen: [String: Int] = [:]
        var unique: [Pending<Record>] = []
        for row in pending {
            let k = key(row.record)
            if let firstLine = seen[k] {
                let kind = files[row.fileIndex].kind
                let problem: Problem = (kind.keyColumns[0], k, "repeats the key of line \(firstLine)")
                try? reject(row.fileIndex, row.batch, row.recordIndex, [issue(row.fileIndex, row.batch, row.recordIndex, problem)])
            } else {
                seen[k] = row.batch.line(row.recordIndex)
                unique.append(row)
            }
        }
        pending = []
        return unique
    }

    private func writeTree<Record>(
        _ rows: [Pending<Record>], order: [Int], issues: (Record) -> [ValidationIssue]?, key: (Record) -> String, kind: EntityKind,
        check: (Record) throws -> Problem?, write: (Record) throws -> WriteOutcome
    ) throws {
        for position in order {
            let row = rows[position]
            if let found = issues(row.record), let first = found.first {
                let value = rawValue(row.batch, row.recordIndex, row.fileIndex, first.field)
                try reject(row.fileIndex, row.batch, row.recordIndex, found.map { issue(row.fileIndex, row.batch, row.recordIndex, ($0.field, value, $0.reason)) })
                continue
            }
            try writeOne(row.record, row.batch, row.recordIndex, row.fileIndex, key: key, check: check, write: write)
        }
        let sources = Set(rows.map { files[$0.fileIndex].path }).sorted().joined(separator: ", ")
        try writer.finishBatch(kind, source: sources)
    }

    // MARK: Rejections and progress

    /// The source text of a model column in one record, as the file wrote it.
    private func rawValue(_ batch: TextBatch, _ record: Int, _ fileIndex: Int, _ column: String) -> String {
        guard let position = files[fileIndex].kind.columns.firstIndex(of: column),
            let field = headers[fileIndex]?.fields[position]
        else { return "" }
        return batch.string(record, field)
    }

    private func issue(_ fileIndex: Int, _ batch: TextBatch, _ record: Int, _ problem: Problem) -> RowIssue {
        let kind = files[fileIndex].kind
        let header = kind.columns.firstIndex(of: problem.column).flatMap { headers[fileIndex]?.columns[$0] } ?? problem.column
        return RowIssue(
            file: files[fileIndex].path, line: batch.line(record), column: problem.column, header: header, value: problem.value,
            reason: problem.reason)
    }

    private func reject(_ fileIndex: Int, _ batch: TextBatch, _ record: Int?, _ issues: [RowIssue]) throws {
        report.files[fileIndex].rejected += 1
        report.issueCount += 1
        if report.issues.count < options.issueLimit { report.issues.append(contentsOf: issues.prefix(3)) }
        guard options.onError == .skip else { return }
        let file: RejectedRowsFile
        if let existing = rejectedFiles[fileIndex] {
            file = existing
        } else {
            file = try RejectedRowsFile(input: files[fileIndex].url, header: headers[fileIndex]?.source ?? [])
            rejectedFiles[fileIndex] = file
        }
        let fields = record.map { r in (0..<batch.fieldCount(r)).map { batch.string(r, $0) } } ?? []
        file.append(line: issues.first?.line ?? 0, issues: issues, fields: fields)
    }

    private func reportProgress(_ chunk: DecodedChunk) {
        guard let progress else { return }
        let now = Date()
        // Throttled to ten updates a second, but the first chunk of each file always reports.
        guard now.timeIntervalSince(lastProgress) >= 0.1 || chunk.fileIndex != lastProgressFile else { return }
        lastProgress = now
        lastProgressFile = chunk.fileIndex
        let file = files[chunk.fileIndex]
        progress(
            ImportProgress(
                file: file.url.lastPathComponent, kind: file.kind, rows: report.totalRows,
                bytes: bytesBefore[chunk.fileIndex] + chunk.bytesRead, totalBytes: totalBytes))
    }
}
