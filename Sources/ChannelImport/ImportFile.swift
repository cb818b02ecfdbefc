public import ChannelCore
public import Foundation

/// One input file of an import: where it is, which entity it holds and how it is written.
public struct ImportFile: Sendable, Equatable {
    public enum Format: String, Sendable { case csv, jsonLines = "json-lines" }

    public var url: URL
    public var kind: EntityKind
    public var format: Format
    /// nil: detect.
    public var encoding: TextEncoding?
    /// nil: detect.
    public var delimiter: UInt8?

    public var path: String { url.path }
}

/// A file or folder entry the import did not read, and why.
public struct SkippedFile: Sendable, Equatable {
    public var path: String
    public var reason: String
}

/// Works out which files an import reads and what each holds: the entity from `--entity`, a mapping's `files`
/// patterns, or the file name (`orders.csv`, `orders_2025.jsonl`); the format from the extension.
enum FileLayout {
    static let dataExtensions: Set<String> = ["csv", "tsv", "txt", "jsonl", "ndjson"]

    static func files(
        paths: [String], entity: EntityKind?, mapping: ColumnMapping?, encoding: TextEncoding?
    ) throws -> (files: [ImportFile], skipped: [SkippedFile]) {
        var files: [ImportFile] = []
        var skipped: [SkippedFile] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ImportError.file(path: path, reason: "does not exist")
            }
            if isDirectory.boolValue {
                let names = try manager.contentsOfDirectory(atPath: path).sorted()
                for name in names where !name.hasPrefix(".") {
                    let url = URL(fileURLWithPath: path).appendingPathComponent(name)
                    guard dataExtensions.contains(url.pathExtension.lowercased()), !name.contains(".rejected.") else {
                        skipped.append(SkippedFile(path: url.path, reason: "not a CSV or JSON Lines file"))
                        continue
                    }
                    guard let kind = entity ?? kind(of: name, mapping: mapping) else {
                        skipped.append(SkippedFile(path: url.path, reason: "its name matches no entity"))
                        continue
                    }
                    files.append(describe(url, kind, mapping, encoding))
                }
            } else {
                let url = URL(fileURLWithPath: path)
                guard let kind = entity ?? kind(of: url.lastPathComponent, mapping: mapping) else {
                    throw ImportError.file(
                        path: path,
                        reason: "cannot tell which entity it holds: name it after one (\(EntityKind.allCases.map(\.name).joined(separator: ", "))), list it under files in the mapping, or pass --entity")
                }
                files.append(describe(url, kind, mapping, encoding))
            }
        }
        // Parents before children, whatever order the files were given in.
        files.sort { ($0.kind, $0.path) < ($1.kind, $1.path) }
        return (files, skipped)
    }

    private static func describe(_ url: URL, _ kind: EntityKind, _ mapping: ColumnMapping?, _ encoding: TextEncoding?) -> ImportFile {
        let entityMapping = mapping?.mapping(for: kind)
        let ext = url.pathExtension.lowercased()
        return ImportFile(
            url: url, kind: kind, format: ext == "jsonl" || ext == "ndjson" ? .jsonLines : .csv,
            encoding: encoding ?? entityMapping?.encoding.flatMap(TextEncoding.init(name:)),
            delimiter: entityMapping?.delimiter.flatMap(delimiterByte) ?? (ext == "tsv" ? 9 : nil))
    }

    /// The entity a file name stands for: a mapping pattern first, then the stem (`orders`, `orders_2025`, `orders-1`).
    static func kind(of name: String, mapping: ColumnMapping?) -> EntityKind? {
        for (entityName, entity) in mapping?.entities ?? [:] {
            if let kind = EntityKind(rawValue: entityName), (entity.files ?? []).contains(where: { glob($0, matches: name) }) {
                return kind
            }
        }
        let stem = (name as NSString).deletingPathExtension.lowercased()
        // Longest name first so `order_lines` is not taken for `orders`.
        for kind in EntityKind.allCases.sorted(by: { $0.name.count > $1.name.count }) {
            if stem == kind.name { return kind }
            for separator in ["_", "-", "."] where stem.hasPrefix(kind.name + separator) { return kind }
        }
        return nil
    }

    /// `*` and `?` wildcard match of a whole file name.
    static func glob(_ pattern: String, matches name: String) -> Bool {
        let p = Array(pattern), n = Array(name)
        var pi = 0, ni = 0, star = -1, mark = 0
        while ni < n.count {
            if pi < p.count, p[pi] == "?" || p[pi] == n[ni] {
                pi += 1
                ni += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ni
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ni = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// One ASCII character, or `\t` / `tab`.
    static func delimiterByte(_ text: String) -> UInt8? {
        if text == "\\t" || text.lowercased() == "tab" || text == "\t" { return 9 }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80 else { return nil }
        return byte
    }
}
