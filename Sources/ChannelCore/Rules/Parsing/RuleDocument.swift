import Foundation
import Yams

/// The text of a rules or plans file turned into one composed YAML/JSON document, with syntax errors and bytes that
/// are not UTF-8 reported as ``RuleIssue``s at their line and column.
/// Rules files and plans files are read through it alike.
enum RuleDocument {
    /// Composes `text` and reads its document with `read`: the value read, or every issue found (`empty` when the
    /// text holds no document). Rules files, plans files and their single-item forms are all read this way.
    static func read<T>(
        _ text: String, catalogue: RuleCatalogue, empty: String, _ read: (RuleFileReader, Node) -> T?
    ) throws(RuleIssues) -> T {
        guard let root = try compose(text) else {
            throw RuleIssues([RuleIssue(position: SourcePosition(line: 1, column: 1), path: IssuePath(), message: empty)])
        }
        let reader = RuleFileReader(catalogue: catalogue)
        let value = read(reader, root)
        guard let value, reader.issues.isEmpty else { throw RuleIssues(reader.issues) }
        return value
    }

    /// The single document of `text`, or nil when it holds none (empty, or only comments).
    static func compose(_ text: String) throws(RuleIssues) -> Node? {
        do {
            // UTF-8 named explicitly: the default reads an environment variable, and the library does no I/O.
            return try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch {
            throw RuleIssues([SyntaxIssue.make(from: error, text: text, format: RuleFileFormat(detectingIn: text))])
        }
    }

    /// `data` as text, or an issue at the line and column of the first byte that is not UTF-8.
    static func text(fromUTF8 data: Data) throws(RuleIssues) -> String {
        var bytes = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var scalars = String.UnicodeScalarView()
        var position = SourcePosition(line: 1, column: 1)
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                scalars.append(scalar)
                if scalar == "\n" {
                    position = SourcePosition(line: position.line + 1, column: 1)
                } else {
                    position.column += 1
                }
            case .emptyInput:
                return String(scalars)
            case .error:
                throw RuleIssues([
                    RuleIssue(
                        position: position, path: IssuePath(),
                        message: "the file is not UTF-8 text; save it as UTF-8 (GBK and UTF-16 are not read)")
                ])
            }
        }
    }
}
