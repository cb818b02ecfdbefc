/// One import job: its progress while it runs (the server asks the browser to reload it every two seconds: no script), then its
/// counts and the rows it rejected with file, line, column, value and reason.
public struct ImportJobPage: Sendable {
    public var file: String
    public var state: String
    public var rows: Int
    public var bytes: Int64
    public var totalBytes: Int64
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public var rejected: Int
    /// What stopped the import as a whole (a file that cannot be read ...).
    public var error: String?
    /// Row errors as the importer words them (`orders.csv:3: column qty: value 'x' is not a whole number`).
    public var issues: [String]

    public init(
        file: String, state: String, rows: Int, bytes: Int64, totalBytes: Int64, inserted: Int, updated: Int, unchanged: Int,
        rejected: Int, error: String?, issues: [String]
    ) {
        self.file = file
        self.state = state
        self.rows = rows
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.rejected = rejected
        self.error = error
        self.issues = issues
    }

    public var isRunning: Bool { state == "running" }

    /// Percent of the file read, 0...100.
    var percent: Int { totalBytes > 0 ? Int(min(100, bytes * 100 / totalBytes)) : (isRunning ? 0 : 100) }

    public func model(_ language: Language) -> [String: Any] {
        let t = { (key: String) in UIText.text(key, language) }
        let issueTable = TableView(
            caption: t("rowErrors"), columns: [t("rowError")], rows: issues.map { [TableView.Cell($0)] },
            note: rejected > issues.count ? language.pick("共 \(rejected) 行被拒绝，显示前 \(issues.count) 条。", "\(rejected) rows rejected; the first \(issues.count) are shown.") : nil)
        // An import that was not committed wrote nothing: only what it read and rejected is worth showing.
        let counts: [(String, Int)] =
            state == "failed"
            ? [("rows", rows), ("rejectedRows", rejected)]
            : [("rows", rows), ("inserted", inserted), ("updated", updated), ("unchanged", unchanged), ("rejectedRows", rejected)]
        return [
            "file": file, "state": t("jobState." + state), "stateCode": state, "running": isRunning, "percent": percent,
            "counts": counts.map { ["label": t($0.0), "value": ValueFormat.count.text(Double($0.1), language)] },
            "error": error ?? false, "hasIssues": !issues.isEmpty, "issues": issueTable.model,
            "committed": state == "committed",
        ]
    }

    static let template = """
        <p><a href="/imports">{{t.backToImports}}</a></p>
        <h1>{{t.importJob}}: {{file}}</h1>
        <p class="job-state {{stateCode}}" role="status">{{state}}</p>
        <p><label for="progress">{{t.progress}}</label> <progress id="progress" max="100" value="{{percent}}">{{percent}}%</progress> {{percent}}%</p>
        <section class="tiles" aria-label="{{t.importJob}}">
          {{#counts}}<article class="tile"><h2>{{label}}</h2><p class="value">{{value}}</p></article>{{/counts}}
        </section>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{#hasIssues}}<p class="error" role="alert">{{t.importHasErrors}}</p><section class="panel">{{#issues}}{{> table}}{{/issues}}</section>{{/hasIssues}}
        """
}
