/// Splits a script of SQL statements at its top-level semicolons (not inside quotes, dollar-quoted bodies or
/// comments): PostgresNIO sends every statement through the extended protocol, which takes one statement at a time.
enum SQLScript {
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current: [Character] = []
        var characters = Array(script)[...]
        func flush() {
            let statement = String(current).trimmingWhitespace
            if !statement.isEmpty { statements.append(statement) }
            current.removeAll()
        }
        while let character = characters.popFirst() {
            switch character {
            case ";":
                flush()
            case "-" where characters.first == "-":
                // A comment to the end of the line.
                while let next = characters.popFirst(), next != "\n" {}
                current.append("\n")
            case "'", "\"":
                current.append(character)
                while let next = characters.popFirst() {
                    current.append(next)
                    if next == character { break }
                }
            case "$":
                // A dollar quote: $tag$ ... $tag$.
                var tag: [Character] = ["$"]
                var lookahead = characters
                while let next = lookahead.popFirst() {
                    tag.append(next)
                    if next == "$" { break }
                    guard next.isLetter || next.isNumber || next == "_" else {
                        tag = []
                        break
                    }
                }
                guard tag.count >= 2, tag.last == "$" else {
                    current.append(character)
                    continue
                }
                current.append(contentsOf: tag)
                characters = lookahead
                // Copy up to and including the closing tag.
                while !characters.isEmpty {
                    if characters.starts(with: tag) {
                        current.append(contentsOf: tag)
                        characters = characters.dropFirst(tag.count)
                        break
                    }
                    if let next = characters.popFirst() { current.append(next) }
                }
            default:
                current.append(character)
            }
        }
        flush()
        return statements
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
