/// The partners: a search by code or name (and tier), and the channel tree from the top distributors down, each
/// level folded (keyboard-usable `<details>`). A partner user sees their own partner and everything below it.
public struct PartnerListPage: Sendable {
    public struct Partner: Sendable {
        public var code: String
        public var name: String
        public var tier: Int
        public var kind: String
        public var channel: String
        public var region: String
        public var status: String
        public var parentCode: String
        public var parentName: String

        public init(
            code: String, name: String, tier: Int, kind: String, channel: String, region: String, status: String, parentCode: String,
            parentName: String
        ) {
            self.code = code
            self.name = name
            self.tier = tier
            self.kind = kind
            self.channel = channel
            self.region = region
            self.status = status
            self.parentCode = parentCode
            self.parentName = parentName
        }
    }

    /// A partner in the tree, with the partners directly below it.
    public struct Node: Sendable {
        public var code: String
        public var name: String
        public var tier: Int
        public var children: [Node]

        public init(code: String, name: String, tier: Int, children: [Node]) {
            self.code = code
            self.name = name
            self.tier = tier
            self.children = children
        }

        /// Partners below this one, at any depth.
        var descendants: Int { children.reduce(children.count) { $0 + $1.descendants } }
    }

    /// Rows the search shows at most.
    public static let shownRows = 200

    public var search: String
    public var tier: String
    public var tiers: [Int]
    /// The partners that match the search (all of them when there is none), at most `shownRows` + 1.
    public var matches: [Partner]
    public var totalMatches: Int
    /// The tree, shown when there is no search.
    public var roots: [Node]
    public var isScoped: Bool

    public init(search: String, tier: String, tiers: [Int], matches: [Partner], totalMatches: Int, roots: [Node], isScoped: Bool) {
        self.search = search
        self.tier = tier
        self.tiers = tiers
        self.matches = matches
        self.totalMatches = totalMatches
        self.roots = roots
        self.isScoped = isScoped
    }

    public func model(_ language: Language) -> [String: Any] {
        let t = { (key: String) in UIText.text(key, language) }
        let table = TableView(
            caption: t("partnerList"),
            headers: [
                (t("partnerCode"), false), (t("name"), false), (t("dim.tier"), true), (t("kind"), false), (t("channel"), false),
                (t("region"), false), (t("status"), false), (t("upstream"), false),
            ],
            rows: matches.prefix(Self.shownRows).map { p in
                [
                    TableView.Cell(p.code, href: Self.href(p.code)), TableView.Cell(p.name), TableView.Cell("T\(p.tier)", numeric: true),
                    TableView.Cell(t("kind." + p.kind)), TableView.Cell(t("channel." + p.channel)), TableView.Cell(p.region),
                    TableView.Cell(t("partnerStatus." + p.status)),
                    TableView.Cell(p.parentName.isEmpty ? "—" : p.parentName, href: p.parentCode.isEmpty ? nil : Self.href(p.parentCode)),
                ]
            },
            note: totalMatches > Self.shownRows
                ? language.pick("共 \(totalMatches) 个伙伴，显示前 \(Self.shownRows) 个；请缩小搜索范围。",
                    "\(totalMatches) partners; the first \(Self.shownRows) are shown. Narrow the search.")
                : language.pick("共 \(totalMatches) 个伙伴。", "\(totalMatches) partners."))
        return [
            "search": search, "scoped": isScoped, "table": table.model, "hasTree": !roots.isEmpty,
            "tiers": tiers.map { ["code": String($0), "label": "T\($0)", "selected": String($0) == tier] as [String: Any] },
            "tree": tree(language),
        ]
    }

    public static func href(_ code: String) -> String { "/partners/" + PageLink.encode(code) }

    /// The tree as nested lists; a partner with partners below it is a `<details>` whose summary names it.
    func tree(_ language: Language) -> String {
        var html = "<ul class=\"tree\">"
        for root in roots { append(root, to: &html, language) }
        return html + "</ul>"
    }

    private func append(_ node: Node, to html: inout String, _ language: Language) {
        let link = "<a href=\"\(SVGText.escaped(Self.href(node.code)))\">\(SVGText.escaped(node.name))</a> "
            + "<span class=\"badge\">T\(node.tier)</span> <small>\(SVGText.escaped(node.code))</small>"
        guard !node.children.isEmpty else {
            html += "<li>\(link)</li>"
            return
        }
        let below = language.pick("下级 \(node.descendants) 个", "\(node.descendants) below")
        html += "<li><details><summary>\(link) <small>(\(below))</small></summary><ul>"
        for child in node.children { append(child, to: &html, language) }
        html += "</ul></details></li>"
    }

    static let template = """
        <h1>{{t.partners}}</h1>
        {{#scoped}}<p class="note">{{t.scopeNote}}</p>{{/scoped}}
        <form method="get" action="/partners" class="filters panel" role="search">
          <input type="hidden" name="lang" value="{{lang}}">
          <p><label for="q">{{t.searchPartners}}</label><input id="q" name="q" type="search" value="{{search}}"></p>
          <p><label for="tier">{{t.tier}}</label>
          <select id="tier" name="tier"><option value="">{{t.all}}</option>{{#tiers}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/tiers}}</select></p>
          <p><button type="submit">{{t.search}}</button></p>
        </form>
        {{#table}}{{> table}}{{/table}}
        {{#hasTree}}
        <section class="panel" aria-labelledby="tree-title">
          <h2 id="tree-title">{{t.channelTree}}</h2>
          {{{tree}}}
        </section>
        {{/hasTree}}
        """
}
