/// Imports: a form to upload a CSV or JSON Lines file (the entity from its name or chosen, what to do with bad
/// rows), and the import jobs with their state.
public struct ImportPage: Sendable {
    public struct Job: Sendable {
        public var id: String
        public var file: String
        public var state: String
        public var rows: Int
        public var rejected: Int
        public var owner: String

        public init(id: String, file: String, state: String, rows: Int, rejected: Int, owner: String) {
            self.id = id
            self.file = file
            self.state = state
            self.rows = rows
            self.rejected = rejected
            self.owner = owner
        }
    }

    public var entities: [String]
    public var jobs: [Job]
    public var csrfToken: String
    /// Why the last upload was refused.
    public var error: String?

    public init(entities: [String], jobs: [Job], csrfToken: String, error: String? = nil) {
        self.entities = entities
        self.jobs = jobs
        self.csrfToken = csrfToken
        self.error = error
    }

    public func model(_ language: Language) -> [String: Any] {
        let t = { (key: String) in UIText.text(key, language) }
        let table = TableView(
            caption: t("importJobs"),
            headers: [(t("file"), false), (t("state"), false), (t("rows"), true), (t("rejectedRows"), true), (t("who"), false)],
            rows: jobs.map { job in
                [
                    TableView.Cell(job.file, href: "/imports/jobs/" + PageLink.encode(job.id)), TableView.Cell(t("jobState." + job.state)),
                    TableView.Cell(String(job.rows), numeric: true), TableView.Cell(String(job.rejected), numeric: true),
                    TableView.Cell(job.owner),
                ]
            })
        return [
            "entities": entities.map { ["code": $0, "label": t("entity." + $0)] }, "csrf": csrfToken, "jobs": table.model,
            "error": error ?? false,
        ]
    }

    static let template = """
        <h1>{{t.imports}}</h1>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <section class="panel" aria-labelledby="upload-title">
          <h2 id="upload-title">{{t.uploadFile}}</h2>
          <p class="note">{{t.uploadHelp}}</p>
          <form method="post" action="/imports/upload" enctype="multipart/form-data" class="filters">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <p><label for="file">{{t.file}}</label><input id="file" name="file" type="file" required accept=".csv,.tsv,.txt,.jsonl,.ndjson"></p>
            <p><label for="entity">{{t.entity}}</label>
            <select id="entity" name="entity"><option value="">{{t.entityFromName}}</option>{{#entities}}<option value="{{code}}">{{label}}</option>{{/entities}}</select></p>
            <p><label for="on_error">{{t.onError}}</label>
            <select id="on_error" name="on_error"><option value="abort">{{t.onErrorAbort}}</option><option value="skip">{{t.onErrorSkip}}</option></select></p>
            <p><button type="submit">{{t.uploadAndPreview}}</button></p>
          </form>
        </section>
        <section class="panel">{{#jobs}}{{> table}}{{/jobs}}</section>
        """
}
