/// The main navigation: the pages the user may open, the current one marked.
enum Navigation {
    /// Each page: its path, its text key, and the permission it needs.
    static let pages: [(href: String, key: String, permission: String)] = [
        ("/", "dashboard", "read"),
        ("/explorer", "explorer", "kpi"),
        ("/partners", "partners", "read"),
        ("/orders", "orders", "read"),
        ("/inventory", "inventory", "all_partners"),
        ("/planning", "planning", "all_partners"),
        ("/alerts", "alerts", "all_partners"),
        ("/imports", "imports", "import"),
        ("/admin", "admin", "admin"),
    ]

    static func items(current: String, permissions: Set<String>, language: Language) -> [[String: Any]] {
        pages.filter { permissions.contains($0.permission) }.map { page in
            let isCurrent = page.href == "/" ? current == "/" : current == page.href || current.hasPrefix(page.href + "/")
            return ["href": page.href, "label": UIText.text(page.key, language), "current": isCurrent]
        }
    }
}
