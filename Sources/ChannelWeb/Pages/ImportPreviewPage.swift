/// An uploaded file before its import: which model column each source column feeds (chosen per column, the same
/// names matched by default), and the first rows as the file has them.
public struct ImportPreviewPage: Sendable {
    /// A model column and the source header chosen for it ("" for none).
    public struct Column: Sendable {
        public var name: String
        public var isRequired: Bool
        public var source: String

        public init(name: String, isRequired: Bool, source: String) {
            self.name = name
            self.isRequired = isRequired
            self.source = source
        }
    }

    public var id: String
    public var file: String
    public var entity: String
    public var onError: String
    public var headers: [String]
    public var columns: [Column]
    public var rows: [[String]]
    public var csrfToken: String
    /// Why the file or the mapping cannot be read.
    public var error: String?

    public init(
        id: String, file: String, entity: String, onError: String, headers: [String], columns: [Column], rows: [[String]],
        csrfToken: String, error: String? = nil
    ) {
        self.id = id
        self.file = file
        self.entity = entity
        self.onError = onError
        self.headers = headers
        self.columns = columns
        self.rows = rows
        self.csrfToken = csrfToken
        self.error = error
    }

    public func model(_ language: Language) -> [String: Any] {
        let t = { (key: String) in UIText.text(key, language) }
        let preview = TableView(
            caption: t("previewRows"), columns: headers, rows: rows.map { row in row.map { TableView.Cell($0) } })
        return [
            "id": id, "file": file, "entity": t("entity." + entity), "onError": t(onError == "skip" ? "onErrorSkip" : "onErrorAbort"),
            "csrf": csrfToken, "error": error ?? false, "preview": preview.model,
            "columns": columns.map { column -> [String: Any] in
                [
                    "name": column.name, "required": column.isRequired,
                    "choices": headers.map { ["header": $0, "selected": $0 == column.source] as [String: Any] },
                    "none": column.source.isEmpty,
                ]
            },
        ]
    }

    static let template = """
        <p><a href="/imports">{{t.backToImports}}</a></p>
        <h1>{{t.checkMapping}}: {{file}}</h1>
        <p class="note">{{t.entity}}: {{entity}} · {{t.onError}}: {{onError}}</p>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/imports/uploads/{{id}}/start" class="panel">
          <input type="hidden" name="csrf_token" value="{{csrf}}">
          <div class="table-wrap" role="region" aria-label="{{t.columnMapping}}" tabindex="0">
          <table>
          <caption>{{t.columnMapping}}</caption>
          <thead><tr><th scope="col">{{t.modelColumn}}</th><th scope="col">{{t.sourceColumn}}</th></tr></thead>
          <tbody>
          {{#columns}}<tr><td><label for="map-{{name}}">{{name}}</label>{{#required}} <span class="badge">{{t.required}}</span>{{/required}}</td>
          <td><select id="map-{{name}}" name="map_{{name}}"><option value=""{{#none}} selected{{/none}}>{{t.none}}</option>{{#choices}}<option value="{{header}}"{{#selected}} selected{{/selected}}>{{header}}</option>{{/choices}}</select></td></tr>
          {{/columns}}
          </tbody>
          </table>
          </div>
          <p><button type="submit">{{t.startImport}}</button></p>
        </form>
        <section class="panel">{{#preview}}{{> table}}{{/preview}}</section>
        """
}
