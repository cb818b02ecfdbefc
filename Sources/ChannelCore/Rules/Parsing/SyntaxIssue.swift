import Yams

/// Turns a Yams parse error into an issue at its line and column.
enum SyntaxIssue {
    /// The issue for `error`, raised while composing `text` read as `format`.
    static func make(from error: any Error, text: String, format: RuleFileFormat) -> RuleIssue {
        let invalid = "not valid \(format.name)"
        guard let error = error as? YamlError else {
            return RuleIssue(
                position: SourcePosition(line: 1, column: 1), path: IssuePath(), message: "\(invalid): \(error)")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "\(invalid): \(problem)"
            if let context { message += " (\(context.text) at \(context.mark))" }
            if let hint = hint(text: text, lines: [mark.line, context?.mark.line]) { message += "; \(hint)" }
            return RuleIssue(position: position(mark), path: IssuePath(), message: message)
        case .reader(let problem, let offset, _, _):
            let at = offset.map { position(ofCharacterOffset: $0, in: text) } ?? SourcePosition(line: 1, column: 1)
            return RuleIssue(position: at, path: IssuePath(), message: "\(invalid): \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return RuleIssue(
                position: position(context.mark), path: IssuePath(),
                message: "key \(keys) is given more than once in the same mapping (first here); keep one")
        default:
            return RuleIssue(
                position: SourcePosition(line: 1, column: 1), path: IssuePath(), message: "\(invalid): \(error)")
        }
    }

    /// A hint for the usual ways a hand-written file breaks, judged from the lines `lines` (from 1) of `text`: an
    /// unquoted `>` or `|` value (`op: >=`), which starts a block of text in YAML, or tabs used for indentation.
    private static func hint(text: String, lines: [Int?]) -> String? {
        let allLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines.compactMap({ $0 }) where allLines.indices.contains(line - 1) {
            let content = allLines[line - 1]
            if content.contains(": >") || content.contains(": |") {
                return "an unquoted `>` or `|` starts a block of text in YAML, so quote operators: op: \">=\""
            }
            if content.prefix(while: \.isWhitespace).contains("\t") {
                return "YAML is indented with spaces; replace the tabs"
            }
        }
        return nil
    }

    private static func position(_ mark: Mark) -> SourcePosition {
        SourcePosition(line: mark.line, column: mark.column)
    }

    /// The line and column of the character at `offset` (counted in characters from the start of `text`).
    private static func position(ofCharacterOffset offset: Int, in text: String) -> SourcePosition {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return SourcePosition(line: line, column: column)
    }
}
