/// Where in the document's structure an issue is: `rules[2].condition.window`.
///
/// Rules are always counted under `rules`, from 0, whether the file is a bare list or `{rules: [...]}`.
public struct IssuePath: Hashable, Sendable, CustomStringConvertible {
    /// One step down the structure.
    public enum Component: Hashable, Sendable {
        /// A key of a mapping.
        case key(String)
        /// A position in a list, from 0.
        case index(Int)
    }

    /// The steps from the top of the document.
    public var components: [Component]

    /// A path of `components`; empty is the whole document.
    public init(_ components: [Component] = []) { self.components = components }

    /// The path of the rule at `index` (from 0): `rules[index]`.
    public static func rule(_ index: Int) -> IssuePath { IssuePath([.key("rules"), .index(index)]) }

    /// This path followed by `key`.
    public func appending(_ key: String) -> IssuePath { IssuePath(components + [.key(key)]) }

    /// This path followed by the list position `index`.
    public func appending(_ index: Int) -> IssuePath { IssuePath(components + [.index(index)]) }

    /// The rule this path is in (its position under `rules`, from 0), if any.
    public var ruleIndex: Int? {
        guard components.count >= 2, components[0] == .key("rules"), case .index(let index) = components[1] else {
            return nil
        }
        return index
    }

    /// The part of the path inside its rule (`condition.window`); the whole path when it is in no rule.
    public var withinRule: IssuePath { ruleIndex == nil ? self : IssuePath(Array(components.dropFirst(2))) }

    /// `rules[2].condition.window`.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
