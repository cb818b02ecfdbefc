import Yams

/// Reads rules from a composed YAML/JSON document, collecting every issue instead of stopping at the first.
///
/// Each `read…` method returns nil after reporting an issue; a rule is built only when none of its values was
/// refused. Issues carry the position of the offending node and its key path.
final class RuleFileReader {
    let catalogue: RuleCatalogue
    /// Every issue found so far.
    private(set) var issues: [RuleIssue] = []
    /// The id of the rule being read, added to its issues.
    var ruleID: String?

    init(catalogue: RuleCatalogue) { self.catalogue = catalogue }

    // MARK: Reporting

    /// Records an issue at `node`.
    func report(_ message: String, at node: Node, path: IssuePath) {
        report(message, at: node.position, path: path)
    }

    /// Records an issue at `position`.
    func report(_ message: String, at position: SourcePosition, path: IssuePath) {
        issues.append(RuleIssue(position: position, path: path, ruleID: ruleID, message: message))
    }

    /// Runs `read` and tells whether it reported no issue.
    func isClean(_ read: () -> Void) -> Bool {
        let before = issues.count
        read()
        return issues.count == before
    }

    // MARK: Mappings and keys

    /// The fields of a mapping node; reports `expectation` when the node is something else.
    func fields(of node: Node, path: IssuePath, expectation: String) -> MappingFields? {
        guard case .mapping(let mapping) = node else {
            report("\(expectation), found \(node.summary)", at: node, path: path)
            return nil
        }
        let fields = MappingFields(mapping, node: node, path: path)
        for key in fields.invalidKeys {
            report("keys must be plain text, found \(key.summary)", at: key, path: path)
        }
        return fields
    }

    /// Reports every key of `fields` not in `allowed`, suggesting the closest allowed key or, via `hint`, where the
    /// key belongs instead.
    func rejectUnknownKeys(in fields: MappingFields, allowed: [String], hint: (String) -> String? = { _ in nil }) {
        for entry in fields.entries where !allowed.contains(entry.key) {
            var message = "unknown key `\(entry.key)`"
            if let suggestion = Suggestion.closest(to: entry.key, among: allowed) {
                message += " (did you mean `\(suggestion)`?)"
            } else if let hint = hint(entry.key) {
                message += "; \(hint)"
            } else {
                message += "; allowed keys: \(allowed.joined(separator: ", "))"
            }
            report(message, at: entry.keyNode, path: fields.path.appending(entry.key))
        }
    }

    /// The value of a required key; reports it missing, with an example, when absent.
    func required(_ key: String, in fields: MappingFields, example: String) -> Node? {
        guard let value = fields[key] else {
            report(
                "missing required key `\(key)`, e.g. \(key): \(example)", at: fields.node,
                path: fields.path.appending(key))
            return nil
        }
        return value
    }

    // MARK: Scalars

    /// A non-empty text. Numbers and booleans are taken as written (`name: 2024` is the text `2024`).
    func text(_ node: Node, path: IssuePath) -> String? {
        guard case .scalar(let scalar) = node, !node.isNull else {
            report("expected text, found \(node.summary)", at: node, path: path)
            return nil
        }
        guard !scalar.string.allSatisfy(\.isWhitespace) else {
            report("is empty; give a text or leave the key out", at: node, path: path)
            return nil
        }
        return scalar.string
    }

    /// A slug: lower-case ASCII letters and digits, words joined by `-` or `_`, at most 64 characters.
    func slug(_ node: Node, path: IssuePath, example: String) -> String? {
        guard let text = text(node, path: path) else { return nil }
        guard Self.isSlug(text) else {
            report(
                "`\(text)` is not a slug; use lower-case letters and digits, words joined by - or _, e.g. \(example)",
                at: node, path: path)
            return nil
        }
        return text
    }

    /// A finite number written as a number (not quoted).
    func number(_ node: Node, path: IssuePath) -> Double? {
        guard node.isScalar(of: .int) || node.isScalar(of: .float), let text = node.scalar?.string else {
            if node.isScalar(of: .str), let text = node.scalar?.string, Double(text) != nil {
                report("`\(text)` is quoted, so it is text; write the number without quotes", at: node, path: path)
            } else {
                report("expected a number, found \(node.summary)", at: node, path: path)
            }
            return nil
        }
        guard let value = Double(Self.withoutUnderscores(text)), value.isFinite else {
            report("`\(text)` is not a decimal number; write e.g. 0.9 or 12", at: node, path: path)
            return nil
        }
        return value
    }

    /// A whole number written as a number.
    func integer(_ node: Node, path: IssuePath) -> Int? {
        guard let value = number(node, path: path) else { return nil }
        guard let whole = Int(exactly: value) else {
            report("expected a whole number, found \(node.summary)", at: node, path: path)
            return nil
        }
        return whole
    }

    /// `true` or `false`.
    func flag(_ node: Node, path: IssuePath) -> Bool? {
        guard node.isScalar(of: .bool), let value = node.bool else {
            report("expected true or false, found \(node.summary)", at: node, path: path)
            return nil
        }
        return value
    }

    /// One of the cases of `Choice`, by raw value; reports the allowed values otherwise.
    func choice<Choice: RawRepresentable & CaseIterable>(_ node: Node, path: IssuePath, what: String) -> Choice?
    where Choice.RawValue == String {
        let allowed = Choice.allCases.map(\.rawValue)
        guard let text = oneOf(node, path: path, among: allowed, what: what) else { return nil }
        return Choice(rawValue: text)
    }

    /// One of `allowed`; reports the allowed values (and the closest one) otherwise.
    func oneOf(_ node: Node, path: IssuePath, among allowed: [String], what: String) -> String? {
        guard let text = text(node, path: path) else { return nil }
        guard allowed.contains(text) else {
            var message = "`\(text)` is not \(what); use one of \(allowed.joined(separator: ", "))"
            if let suggestion = Suggestion.closest(to: text, among: allowed) {
                message =
                    "`\(text)` is not \(what) (did you mean `\(suggestion)`?); use one of "
                    + allowed.joined(separator: ", ")
            }
            report(message, at: node, path: path)
            return nil
        }
        return text
    }

    /// A number within `range`, described by `meaning` when it is not ("a rate in 0…1").
    func number(_ node: Node, path: IssuePath, in range: ClosedRange<Double>, meaning: String) -> Double? {
        guard let value = number(node, path: path) else { return nil }
        guard range.contains(value) else {
            report("\(node.scalar?.string ?? "\(value)") is out of range; \(meaning)", at: node, path: path)
            return nil
        }
        return value
    }

    // MARK: Durations

    /// A duration (`30m`, `6h`, `7d`) more than zero and at most `maximum`.
    func duration(_ node: Node, path: IssuePath, maximum: RuleDuration = .days(366)) -> RuleDuration? {
        guard case .scalar(let scalar) = node, !node.isNull, !node.isScalar(of: .bool) else {
            report("expected a duration such as 7d, 12h or 30m, found \(node.summary)", at: node, path: path)
            return nil
        }
        let text = scalar.string
        guard let duration = RuleDuration(text) else {
            if Int(text) != nil {
                report("`\(text)` has no unit; write e.g. \(text)d, \(text)h or \(text)m", at: node, path: path)
            } else {
                report("`\(text)` is not a duration; use e.g. 7d, 12h or 30m", at: node, path: path)
            }
            return nil
        }
        guard duration.seconds > 0 else {
            report("`\(text)` is zero; a duration must be more than 0", at: node, path: path)
            return nil
        }
        guard duration <= maximum else {
            report("`\(text)` is too long; at most \(maximum)", at: node, path: path)
            return nil
        }
        return duration
    }

    /// A window: a whole number of days from 1d to 366d.
    func window(_ node: Node, path: IssuePath) -> RuleDuration? {
        guard let duration = duration(node, path: path) else { return nil }
        guard duration.wholeDays != nil else {
            report("`\(duration)` is not a whole number of days; a window is 1d to 366d", at: node, path: path)
            return nil
        }
        return duration
    }

    // MARK: Lists

    /// A non-empty list whose elements are read by `element` (which reports the ones it refuses); nil when the node
    /// is not such a list or any element was refused.
    func list<Element>(
        _ node: Node, path: IssuePath, example: String, element: (Node, IssuePath) -> Element?
    ) -> [Element]? {
        guard case .sequence(let sequence) = node else {
            report("expected a list, e.g. \(example), found \(node.summary)", at: node, path: path)
            return nil
        }
        guard !sequence.isEmpty else {
            report("is an empty list; list at least one value, or leave the key out", at: node, path: path)
            return nil
        }
        var values: [Element] = []
        var isComplete = true
        for (index, item) in sequence.enumerated() {
            if let value = element(item, path.appending(index)) { values.append(value) } else { isComplete = false }
        }
        return isComplete ? values : nil
    }

    /// A non-empty list of distinct texts read by `element`; a repeated one is reported.
    func distinctList(
        _ node: Node, path: IssuePath, example: String, element: (Node, IssuePath) -> String?
    ) -> [String]? {
        var seen: Set<String> = []
        return list(node, path: path, example: example) { item, itemPath in
            guard let value = element(item, itemPath) else { return nil }
            guard seen.insert(value).inserted else {
                report("`\(value)` is listed twice", at: item, path: itemPath)
                return nil
            }
            return value
        }
    }

    // MARK: Helpers

    /// Whether `text` is a slug: `[a-z0-9]+` words joined by single `-` or `_`, at most 64 characters.
    static func isSlug(_ text: String) -> Bool {
        guard (1...64).contains(text.utf8.count) else { return false }
        var previousWasSeparator = true
        for byte in text.utf8 {
            let isWordCharacter =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            if isWordCharacter {
                previousWasSeparator = false
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
                if previousWasSeparator { return false }
                previousWasSeparator = true
            } else {
                return false
            }
        }
        return !previousWasSeparator
    }

    /// `text` without `_` digit separators (`1_000` → `1000`), which YAML allows in numbers.
    private static func withoutUnderscores(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "_" })
    }
}
