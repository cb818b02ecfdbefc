/// The syntax of a rules file. JSON is read by the same YAML parser (JSON is YAML); the format only decides how
/// syntax errors are worded.
enum RuleFileFormat {
    case yaml
    case json

    /// JSON when the first character that is not white space (or a byte order mark) is `{` or `[`.
    init(detectingIn text: String) {
        let first = text.unicodeScalars.first { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }
        self = first == "{" || first == "[" ? .json : .yaml
    }

    /// `YAML` or `JSON`.
    var name: String {
        switch self {
        case .yaml: "YAML"
        case .json: "JSON"
        }
    }
}
