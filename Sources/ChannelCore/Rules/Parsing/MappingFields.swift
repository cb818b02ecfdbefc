import Yams

/// The key/value pairs of one YAML or JSON mapping, looked up by key, with where each key was written.
///
/// YAML merge keys (`<<: *defaults`) are applied: the merged mapping's pairs count as if written here, unless a key
/// is written here too.
struct MappingFields {
    /// One key and its value.
    struct Entry {
        var key: String
        var keyNode: Node
        var value: Node
    }

    /// The mapping node itself (its position is where "missing key" issues point).
    let node: Node
    /// The key path of the mapping.
    let path: IssuePath
    /// The entries in file order.
    private(set) var entries: [Entry] = []
    /// Keys that are not text (a list or mapping used as a key), reported by the reader.
    private(set) var invalidKeys: [Node] = []

    /// The fields of `mapping`, found at `node` and `path`.
    init(_ mapping: Node.Mapping, node: Node, path: IssuePath) {
        self.node = node
        self.path = path
        collect(mapping, overriding: true)
    }

    /// The value of `key`, if present.
    subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }

    /// Whether `key` is present.
    func contains(_ key: String) -> Bool { entries.contains { $0.key == key } }

    private mutating func collect(_ mapping: Node.Mapping, overriding: Bool) {
        var merged: [Node.Mapping] = []
        for (keyNode, value) in mapping {
            if keyNode.isScalar(of: .merge) {
                switch value {
                case .mapping(let source): merged.append(source)
                case .sequence(let sources): merged += sources.compactMap(\.mapping)
                default: invalidKeys.append(keyNode)
                }
                continue
            }
            guard let key = keyNode.scalar?.string else {
                invalidKeys.append(keyNode)
                continue
            }
            if !overriding, contains(key) { continue }
            entries.append(Entry(key: key, keyNode: keyNode, value: value))
        }
        // Keys written in this mapping win over merged ones, and earlier merge sources over later ones.
        for source in merged { collect(source, overriding: false) }
    }
}
