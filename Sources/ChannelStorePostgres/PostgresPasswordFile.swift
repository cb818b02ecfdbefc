import Foundation

/// A PostgreSQL password file (`~/.pgpass`, or the file `PGPASSFILE` names), read as libpq reads it, so one file serves
/// Qudao, `psql` and `pg_dump` alike.
///
/// Each line is `hostname:port:database:username:password`; a field of `*` matches anything, `\:` and `\\` stand for
/// a colon and a backslash, blank lines and lines starting with `#` are skipped, and the first line that matches wins.
/// A unix socket connection matches the hostname `localhost`, as in libpq.
public struct PostgresPasswordFile: Sendable, Equatable {
    /// One line: its four patterns (nil for `*`) and the password.
    struct Entry: Sendable, Equatable {
        var host: String?
        var port: String?
        var database: String?
        var user: String?
        var password: String
    }

    let entries: [Entry]

    /// Parses the file's text; lines with fewer than five fields are skipped, as libpq skips them.
    public init(text: String) {
        entries = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }.compactMap { line in
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            guard !line.hasPrefix("#") else { return nil }
            let fields = Self.fields(line)
            guard fields.count == 5 else { return nil }
            func pattern(_ raw: (text: String, starOnly: Bool)) -> String? { raw.starOnly ? nil : raw.text }
            return Entry(
                host: pattern(fields[0]), port: pattern(fields[1]), database: pattern(fields[2]), user: pattern(fields[3]),
                password: fields[4].text)
        }
    }

    /// The password of the first line that matches `location`, or nil.
    public func password(for location: PostgresLocation) -> String? {
        let (host, port) =
            switch location.endpoint {
            case .tcp(let host, let port): (host, port)
            case .unixSocket(_, let port): ("localhost", port)
            }
        func matches(_ pattern: String?, _ value: String) -> Bool { pattern.map { $0 == value } ?? true }
        return entries.first { entry in
            matches(entry.host, host) && matches(entry.port, String(port)) && matches(entry.database, location.database)
                && matches(entry.user, location.user)
        }?.password
    }

    /// The line's fields, unescaped: four split at unescaped colons, the fifth (the password) the rest of the line. A
    /// field is a wildcard only when it is a bare `*` (an escaped `\*` is a star).
    private static func fields(_ line: Substring) -> [(text: String, starOnly: Bool)] {
        var fields: [(text: String, starOnly: Bool)] = []
        var text = ""
        var escapedAny = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            if character == "\\", let next = characters.next() {
                text.append(next)
                escapedAny = true
            } else if character == ":", fields.count < 4 {
                fields.append((text, text == "*" && !escapedAny))
                (text, escapedAny) = ("", false)
            } else {
                text.append(character)
            }
        }
        fields.append((text, false))
        return fields
    }

    /// Why a password file was not used.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String

        public var description: String { "the password file \(path) is not used: \(reason)" }
    }

    /// The file `environment` points to (`PGPASSFILE`, else `.pgpass` in `HOME`), read when it exists. Like libpq, a file
    /// that others than its owner may read or write is not used (a `Refusal`, for a warning); a missing file is nil.
    public static func load(from environment: [String: String]) throws(Refusal) -> PostgresPasswordFile? {
        let path: String
        if let named = environment["PGPASSFILE"], !named.isEmpty {
            path = named
        } else if let home = environment["HOME"], !home.isEmpty {
            path = (home as NSString).appendingPathComponent(".pgpass")
        } else {
            return nil
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw Refusal(path: path, reason: "it is not a plain file")
        }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw Refusal(
                path: path, reason: "others than its owner may read or write it (mode \(String(mode, radix: 8))); make it 0600")
        }
        do {
            return PostgresPasswordFile(text: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw Refusal(path: path, reason: "it cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
    }
}
