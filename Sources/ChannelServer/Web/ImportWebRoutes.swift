import ChannelCore
import ChannelImport
import ChannelWeb
import Foundation
import HTTPTypes
import Hummingbird

/// Imports from the browser: upload a file (multipart form), check and change its column mapping against a preview
/// of its first rows, start the import, and follow the job until its report (with the rejected rows) is there. The
/// job runs on the same machinery as the API's uploads (`ImportUpload`, `ImportLauncher`, `ImportJobs`).
struct ImportWebRoutes {
    let server: QudaoServer
    /// The largest form the page takes: the API's upload limit (the file part is streamed to disk as it arrives).
    var maxBytes: Int { server.configuration.maxImportBytes }

    func register(on web: WebRouter) {
        web.get("/imports", requires: .import) { page in list(page, error: nil) }
        web.post("/imports/upload", requires: .import) { page in try await upload(page) }
        web.get("/imports/uploads/{upload_id}", requires: .import) { page in try preview(page) }
        web.post("/imports/uploads/{upload_id}/start", requires: .import) { page in try await start(page) }
        web.get("/imports/jobs/{job_id}", requires: .import) { page in try job(page) }
    }

    private func list(_ page: WebPage, error: String?) -> Response {
        let principal = page.principal
        let jobs = server.imports.all().filter { principal.permissions.contains(.admin) || $0.owner == principal.actor }
        let model = ImportPage(
            entities: EntityKind.allCases.map(\.name),
            jobs: jobs.map { .init(id: $0.id, file: $0.file, state: $0.state, rows: $0.rows, rejected: $0.rejected, owner: $0.owner) },
            csrfToken: page.csrfToken, error: error)
        return page.render(
            "imports", model.model(page.language), title: UIText.text("imports", page.language), status: error == nil ? .ok : .badRequest)
    }

    private func upload(_ page: WebPage) async throws -> Response {
        guard let boundary = UploadForm.boundary(contentType: page.request.headers[.contentType]) else {
            throw APIError.invalid("send the upload form as multipart/form-data")
        }
        let form = try await UploadForm.read(page.request.body, boundary: boundary, fileField: "file", maxBytes: maxBytes)
        do {
            try page.checkCSRF(form.fields["csrf_token"])
        } catch {
            form.upload?.discard()
            throw error
        }
        guard let upload = form.upload else {
            return list(page, error: form.fileProblem ?? UIText.text("chooseFile", page.language))
        }
        let chosen = form.fields["entity"].flatMap { $0.isEmpty ? nil : EntityKind(rawValue: $0) }
        guard let entity = chosen ?? ImportFile.entity(forFileName: upload.filename) else {
            upload.discard()
            return list(page, error: page.language.pick(
                "无法从文件名“\(upload.filename)”识别数据类型，请选择数据类型。", "Cannot tell the entity from the name '\(upload.filename)': choose it."))
        }
        let onError = ErrorPolicy(rawValue: form.fields["on_error"] ?? "") ?? .abort
        let id = server.stagedUploads.add(upload, owner: page.principal.actor, entity: entity, onError: onError)
        return page.redirect("/imports/uploads/" + id)
    }

    private func preview(_ page: WebPage, chosen: [String: String] = [:], error: String? = nil) throws -> Response {
        let id = try page.parameter("upload_id")
        guard let staged = server.stagedUploads.get(id, owner: page.principal.actor) else {
            throw APIError.notFound("there is no upload \(id) waiting")
        }
        var failure = error
        var header: [String] = []
        var rows: [[String]] = []
        do { (header, rows) = try ImportPreviewData.read(staged.upload.path) } catch { failure = "\(staged.upload.filename): \(error)" }
        let model = ImportPreviewPage(
            id: id, file: staged.upload.filename, entity: staged.entity.name, onError: staged.onError.rawValue, headers: header,
            columns: ImportPreviewData.columns(staged.entity, header: header, chosen: chosen), rows: rows, csrfToken: page.csrfToken,
            error: failure)
        return page.render(
            "importPreview", model.model(page.language), title: UIText.text("checkMapping", page.language),
            status: failure == nil ? .ok : .badRequest)
    }

    private func start(_ page: WebPage) async throws -> Response {
        let id = try page.parameter("upload_id")
        let body = try await page.request.body.collect(upTo: 64 << 10)
        let fields: [String: String]
        do { fields = try URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body)) } catch {
            throw APIError.invalid("the mapping form could not be read: \(error)")
        }
        try page.checkCSRF(fields["csrf_token"])
        guard let staged = server.stagedUploads.get(id, owner: page.principal.actor) else {
            throw APIError.notFound("there is no upload \(id) waiting")
        }
        var choices: [String: String] = [:]
        for column in staged.entity.columns { choices[column] = fields["map_" + column] ?? "" }
        var options = ImportOptions(onError: staged.onError, entity: staged.entity, actor: page.principal.actor)
        do {
            options.mapping = try ImportPreviewData.mapping(staged.entity, choices: choices, in: staged.upload.folder)
        } catch {
            return try preview(page, chosen: choices, error: "\(error)")
        }
        guard let taken = server.stagedUploads.take(id, owner: page.principal.actor) else {
            throw APIError.notFound("there is no upload \(id) waiting")
        }
        let job = ImportLauncher(store: server.store, engine: server.engine, jobs: server.imports)
            .start(taken.upload, owner: page.principal.actor, options: options)
        return page.redirect("/imports/jobs/" + job)
    }

    private func job(_ page: WebPage) throws -> Response {
        let id = try page.parameter("job_id")
        guard let job = server.imports.job(id), page.principal.permissions.contains(.admin) || job.owner == page.principal.actor else {
            throw APIError.notFound("there is no import job \(id)")
        }
        let model = ImportJobPage(
            file: job.file, state: job.state, rows: job.rows, bytes: job.bytes, totalBytes: job.totalBytes, inserted: job.inserted,
            updated: job.updated, unchanged: job.unchanged, rejected: job.rejected, error: job.error, issues: job.issues)
        var response = page.render("importJob", model.model(page.language), title: UIText.text("importJob", page.language))
        // While it runs the browser reloads the page to show the progress (no script needed).
        if model.isRunning { response.headers[HTTPField.Name("Refresh") ?? .via] = "2" }
        return response
    }
}
