import ChannelAnalytics
import ChannelCore
import ChannelImport
import ChannelStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Bulk import by upload: the file is streamed to disk, then imported by the same engine as `qudao import` in a
/// background job whose progress and report the caller polls.
struct ImportRoutes {
    let store: any QudaoServer.Store
    let engine: AnalyticsEngine
    let jobs: ImportJobs
    let maxBytes: Int

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .post, "/api/v1/imports", id: "startImport", "Upload a file to import", tag: "imports", access: .requires(.import),
                query: [
                    .init("filename", "the file's name: it names the entity (orders.csv, order_lines.jsonl, ...)", required: true),
                    .init("entity", "the entity, when the file name does not say it"),
                    .init("on_error", "abort (default: nothing is written if a row is bad) or skip", schema: ["type": "string", "enum": ["abort", "skip"]]),
                ],
                body: ["type": "string", "format": "binary"], bodyMediaType: "application/octet-stream", status: 202,
                returns: "the import job", schema: ["$ref": "#/components/schemas/ImportJob"]
            ) { request, context in try await start(request, context) },
            Endpoint(
                .get, "/api/v1/imports", id: "listImports", "List import jobs", tag: "imports", access: .requires(.import),
                returns: "your import jobs (an admin's: all)",
                schema: ["type": "array", "items": ["$ref": "#/components/schemas/ImportJob"]]
            ) { _, context in
                let principal = try RecordRoutes.principal(context)
                let all = jobs.all().filter { principal.permissions.contains(.admin) || $0.owner == principal.actor }
                return try JSON.response(all)
            },
            Endpoint(
                .get, "/api/v1/imports/{job_id}", id: "getImport", "Follow an import job", tag: "imports",
                access: .requires(.import), returns: "the job's state, progress and, once done, its report",
                schema: ["$ref": "#/components/schemas/ImportJob"]
            ) { _, context in
                let principal = try RecordRoutes.principal(context)
                guard let job = jobs.job(context.parameters.get("job_id") ?? ""),
                    principal.permissions.contains(.admin) || job.owner == principal.actor
                else { throw APIError.notFound("there is no such import job") }
                return try JSON.response(job)
            },
        ]
    }

    static var schemas: [String: JSONValue] {
        [
            "ImportJob": [
                "type": "object", "required": ["id", "state", "file"],
                "properties": [
                    "id": ["type": "string"], "state": ["type": "string", "enum": ["running", "committed", "failed"]],
                    "file": ["type": "string"], "owner": ["type": "string"], "rows": ["type": "integer"],
                    "bytes": ["type": "integer"], "total_bytes": ["type": "integer"],
                    "inserted": ["type": "integer"], "updated": ["type": "integer"], "unchanged": ["type": "integer"],
                    "rejected": ["type": "integer"], "error": ["type": ["string", "null"]],
                    "issues": ["type": "array", "items": ["type": "string"]],
                ],
            ]
        ]
    }

    private func start(_ request: Request, _ context: ServerContext) async throws -> Response {
        let principal = try RecordRoutes.principal(context)
        let parameters = request.uri.queryParameters
        guard let filename = parameters.get("filename"), !filename.isEmpty, !filename.contains("/"), !filename.hasPrefix(".") else {
            throw APIError.invalid("give the file's name as ?filename=orders.csv (it names the entity)")
        }
        var options = ImportOptions(actor: principal.actor)
        if let entity = parameters.get("entity") {
            guard let kind = EntityKind(rawValue: entity) else { throw APIError.invalid("unknown entity '\(entity)'") }
            options.entity = kind
        }
        if let policy = parameters.get("on_error") {
            guard let value = ErrorPolicy(rawValue: policy) else { throw APIError.invalid("on_error must be abort or skip") }
            options.onError = value
        }
        let upload = try ImportUpload(filename: filename)
        var received = 0
        do {
            for try await chunk in request.body {
                received += chunk.readableBytes
                guard received <= maxBytes else {
                    throw APIError(.contentTooLarge, "too_large", "the upload is larger than \(maxBytes) bytes")
                }
                try upload.write(Data(chunk.readableBytesView))
            }
            try upload.close()
        } catch {
            upload.discard()
            throw error
        }
        let job = ImportLauncher(store: store, engine: engine, jobs: jobs).start(upload, owner: principal.actor, options: options)
        return try JSON.response(jobs.job(job), status: .accepted)
    }
}

/// The server's import jobs (in memory: a restart forgets finished jobs; the audit trail keeps what they wrote).
final class ImportJobs: Sendable {
    struct Job: Encodable, Sendable {
        var id: String
        var state: String
        var file: String
        var owner: String
        var rows = 0
        var bytes: Int64 = 0
        var totalBytes: Int64
        var inserted = 0
        var updated = 0
        var unchanged = 0
        var rejected = 0
        var error: String?
        var issues: [String] = []

        enum CodingKeys: String, CodingKey {
            case id, state, file, owner, rows, bytes, inserted, updated, unchanged, rejected, error, issues
            case totalBytes = "total_bytes"
        }

        mutating func progress(_ progress: ImportProgress) {
            rows = progress.rows
            bytes = progress.bytes
        }

        mutating func finish(_ report: ImportReport?, error: String?) {
            state = error == nil && report?.isCommitted == true ? "committed" : "failed"
            self.error = error
            if let report {
                rows = report.totalRows
                bytes = totalBytes
                inserted = report.files.reduce(0) { $0 + $1.inserted }
                updated = report.files.reduce(0) { $0 + $1.updated }
                unchanged = report.files.reduce(0) { $0 + $1.unchanged }
                rejected = report.totalRejected
                issues = report.issues.prefix(100).map { $0.description.replacingOccurrences(of: " in /", with: " in ") }
            }
        }
    }

    private let jobs = Mutex<[String: Job]>([:])

    func start(file: String, owner: String, bytes: Int64) -> String {
        let id = UUID().uuidString.lowercased()
        jobs.withLock { $0[id] = Job(id: id, state: "running", file: file, owner: owner, totalBytes: bytes) }
        return id
    }

    func update(_ id: String, _ change: (inout Job) -> Void) {
        jobs.withLock { jobs in
            if var job = jobs[id] {
                change(&job)
                jobs[id] = job
            }
        }
    }

    func job(_ id: String) -> Job? { jobs.withLock { $0[id] } }

    func all() -> [Job] { jobs.withLock { Array($0.values) }.sorted { $0.id < $1.id } }
}
