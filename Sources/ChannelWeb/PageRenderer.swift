import Mustache

/// Renders pages: a page's own template into its body, then the layout around it.
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary
    /// Templates that failed to parse, by name (a test requires none); each renders as an empty page.
    public let templateErrors: [String: String]

    public init() {
        var templates: [String: MustacheTemplate] = [:]
        var errors: [String: String] = [:]
        for (name, text) in PageTemplates.all {
            do { templates[name] = try MustacheTemplate(string: text) } catch { errors[name] = "\(error)" }
        }
        library = MustacheLibrary(templates: templates)
        templateErrors = errors
    }

    /// The whole HTML document of a page.
    /// - Parameters:
    ///   - template: the page's template (`login`, `dashboard`, ...).
    ///   - model: the page's view model; its texts come from `t` (added here).
    public func render(_ template: String, _ model: [String: Any], title: String, frame: PageFrame) -> String {
        let texts = UIText.table(frame.language)
        var content = model
        content["t"] = texts
        content["lang"] = frame.language.rawValue
        let body = library.render(content, withTemplate: template) ?? ""
        let other: Language = frame.language == .chinese ? .english : .chinese
        let users: [[String: Any]] = frame.user.map { user in
            [
                "displayName": user.displayName, "csrfToken": user.csrfToken,
                "nav": Navigation.items(current: frame.path, permissions: frame.permissions, language: frame.language),
            ]
        }.map { [$0] } ?? []
        let layout: [String: Any] = [
            "lang": frame.language.htmlCode, "title": title, "t": texts, "body": body, "users": users,
            "switchHref": frame.switchHref, "switchCode": other.htmlCode, "switchLabel": other.pick("中文", "English"),
        ]
        return library.render(layout, withTemplate: "layout") ?? ""
    }
}

