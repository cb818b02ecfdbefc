/// A table of a page: column headers, rows of cells (text, maybe a link), numbers aligned right; rendered by the
/// `table` partial inside a container that scrolls on its own at phone width.
public struct TableView: Sendable {
    public struct Cell: Sendable {
        public var text: String
        public var href: String?
        public var numeric: Bool

        public init(_ text: String, href: String? = nil, numeric: Bool = false) {
            self.text = text
            self.href = href
            self.numeric = numeric
        }
    }

    public var caption: String
    public var headers: [(label: String, numeric: Bool)]
    public var rows: [[Cell]]
    /// A line under the table (e.g. that only the first rows are shown).
    public var note: String?
    /// The link to the next page of a long list.
    public var next: String?

    public init(caption: String, headers: [(label: String, numeric: Bool)], rows: [[Cell]], note: String? = nil, next: String? = nil) {
        self.caption = caption
        self.headers = headers
        self.rows = rows
        self.note = note
        self.next = next
    }

    /// A table whose columns are all text.
    public init(caption: String, columns: [String], rows: [[Cell]], note: String? = nil, next: String? = nil) {
        self.init(caption: caption, headers: columns.map { (label: $0, numeric: false) }, rows: rows, note: note, next: next)
    }

    var model: [String: Any] {
        [
            "caption": caption, "width": headers.count,
            "headers": headers.map { ["label": $0.label, "numeric": $0.numeric] as [String: Any] },
            "rows": rows.map { row in
                ["cells": row.map { cell -> [String: Any] in
                    // Absent keys are looked up in the enclosing contexts: every key is set, false when empty.
                    ["text": cell.text, "numeric": cell.numeric, "href": cell.href ?? false]
                }]
            },
            "note": note ?? false, "next": next ?? false,
        ]
    }
}
