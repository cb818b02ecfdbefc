/// What every page shows around its content: the language switch, and for a signed-in user the navigation, the
/// name and the sign-out form (with its CSRF token).
public struct PageFrame: Sendable {
    public struct User: Sendable {
        public var displayName: String
        public var csrfToken: String

        public init(displayName: String, csrfToken: String) {
            self.displayName = displayName
            self.csrfToken = csrfToken
        }
    }

    public var language: Language
    public var user: User?
    /// The page's path and query without `lang`, for the language switch and the navigation's current page.
    public var path: String
    public var query: [(String, String)]
    /// What the signed-in user may do (`read`, `kpi`, `import`, `admin`, `all_partners`): the navigation shows only
    /// the pages they may open.
    public var permissions: Set<String>

    public init(language: Language, user: User?, path: String, query: [(String, String)] = [], permissions: Set<String> = []) {
        self.language = language
        self.user = user
        self.path = path
        self.query = query
        self.permissions = permissions
    }

    /// The same page in the other language.
    var switchHref: String {
        let other = language == .chinese ? Language.english : .chinese
        return PageLink.href(path, query.filter { $0.0 != "lang" } + [("lang", other.rawValue)])
    }
}

/// Builds page links with their query strings percent-encoded.
public enum PageLink {
    public static func href(_ path: String, _ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    public static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
