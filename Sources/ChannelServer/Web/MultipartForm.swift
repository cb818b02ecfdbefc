import Foundation

/// A `multipart/form-data` body (RFC 7578) as a browser sends a form with a file: text fields by name, and the
/// file parts with their file names and bytes.
struct MultipartForm {
    struct File {
        var name: String
        var filename: String
        var bytes: ArraySlice<UInt8>
    }

    var fields: [String: String] = [:]
    var files: [File] = []

    /// The boundary of a `multipart/form-data; boundary=...` content type; nil for any other type.
    static func boundary(contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1]
                return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
            }
        }
        return nil
    }

    /// Reads the parts between `--boundary` lines.
    /// - Throws: `APIError.invalid` saying what is malformed (no boundary line, a part without headers, no end).
    init(body: [UInt8], boundary: String) throws {
        let delimiter = Array(("--" + boundary).utf8)
        guard var at = Self.find(delimiter, in: body, from: 0) else {
            throw APIError.invalid("the form body has no part (no '--\(boundary)' line)")
        }
        while true {
            at += delimiter.count
            // `--` after the delimiter closes the body.
            if body.count >= at + 2, body[at] == UInt8(ascii: "-"), body[at + 1] == UInt8(ascii: "-") { return }
            guard let headersStart = Self.find([13, 10], in: body, from: at).map({ $0 + 2 }),
                let headersEnd = Self.find([13, 10, 13, 10], in: body, from: headersStart)
            else { throw APIError.invalid("a part of the form has no headers") }
            let contentStart = headersEnd + 4
            guard let next = Self.find([13, 10] + delimiter, in: body, from: contentStart) else {
                throw APIError.invalid("the form body ends in the middle of a part (the upload was cut off?)")
            }
            let headers = String(decoding: body[headersStart..<headersEnd], as: UTF8.self)
            let disposition = Self.disposition(headers)
            if let name = disposition["name"] {
                if let filename = disposition["filename"] {
                    files.append(File(name: name, filename: filename, bytes: body[contentStart..<next]))
                } else {
                    fields[name] = String(decoding: body[contentStart..<next], as: UTF8.self)
                }
            }
            at = next + 2
        }
    }

    /// The parameters of a part's `Content-Disposition: form-data; name="x"; filename="y"` header.
    static func disposition(_ headers: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            for item in line.split(separator: ";").dropFirst() {
                let pair = item.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                var value = pair[1].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                parameters[pair[0].trimmingCharacters(in: .whitespaces).lowercased()] = value.replacingOccurrences(of: "%22", with: "\"")
            }
        }
        return parameters
    }

    /// The first position of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
