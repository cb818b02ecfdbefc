import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// An upload form (`multipart/form-data`, RFC 7578) read as it arrives, with MultipartKit's streaming parser: text
/// fields are kept by name, and the file field's bytes go straight into a staged upload, so a large file never sits
/// in memory.
struct UploadForm {
    var fields: [String: String] = [:]
    /// The file field's file, complete; nil when the form had none (no file chosen) or an unusable file name.
    var upload: ImportUpload?
    /// Why the file was not taken (a name that is not a plain file name), for the page to show.
    var fileProblem: String?

    /// The longest text field kept (a form's own fields are short; this bounds what a forged one costs).
    static let maxFieldBytes = 64 << 10

    /// The boundary of a `multipart/form-data; boundary=...` content type; nil for any other type or an empty one.
    static func boundary(contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1]
                let boundary = value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
                return boundary.isEmpty ? nil : boundary
            }
        }
        return nil
    }

    /// Reads the form from `body`, writing the part named `fileField` into a new `ImportUpload` (closed when complete).
    /// - Throws: `APIError` `.contentTooLarge` past `maxBytes`, `.invalid` for a body that is not a well-formed form or
    ///   ends inside the file; the upload is discarded then.
    static func read(_ body: RequestBody, boundary: String, fileField: String, maxBytes: Int) async throws -> UploadForm {
        let reader = PartReader(fileField: fileField)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in reader.headers.append((name, value)) }
        parser.onBody = { buffer in reader.body(buffer) }
        parser.onPartComplete = { reader.complete() }
        var received = 0
        do {
            for try await chunk in body {
                received += chunk.readableBytes
                guard received <= maxBytes else {
                    throw APIError(.contentTooLarge, "too_large", "the upload is larger than \(maxBytes) bytes")
                }
                do { try parser.execute(chunk) } catch {
                    throw APIError.invalid("the upload form is not well-formed multipart/form-data")
                }
                if let failure = reader.failure { throw failure }
            }
            guard reader.parts > 0 else { throw APIError.invalid("the form body has no part (no '--\(boundary)' line)") }
            if let upload = reader.form.upload {
                guard reader.fileIsComplete else {
                    throw APIError.invalid("the form body ends in the middle of the file (the upload was cut off?)")
                }
                try upload.close()
            }
        } catch {
            reader.form.upload?.discard()
            throw error
        }
        return reader.form
    }

    /// The parser's callbacks cannot throw: the first failure is kept and thrown after the chunk.
    private final class PartReader {
        enum Part {
            case unopened
            case field(name: String, bytes: [UInt8])
            case file(ImportUpload)
            case skipped
        }

        let fileField: String
        var form = UploadForm()
        var headers: [(String, String)] = []
        var part = Part.unopened
        var parts = 0
        var fileIsComplete = false
        var failure: (any Error)?

        init(fileField: String) { self.fileField = fileField }

        func body(_ buffer: ByteBuffer) {
            if case .unopened = part { open() }
            switch part {
            case .field(let name, var bytes):
                bytes += buffer.readableBytesView
                guard bytes.count <= UploadForm.maxFieldBytes else {
                    failure = failure ?? APIError.invalid("the form field '\(name)' is longer than \(UploadForm.maxFieldBytes) bytes")
                    part = .skipped
                    return
                }
                part = .field(name: name, bytes: bytes)
            case .file(let upload):
                do { try upload.write(Data(buffer.readableBytesView)) } catch {
                    failure = failure ?? error
                    part = .skipped
                }
            case .unopened, .skipped: break
            }
        }

        func complete() {
            if case .unopened = part { open() }
            switch part {
            case .field(let name, let bytes): form.fields[name] = String(decoding: bytes, as: UTF8.self)
            case .file: fileIsComplete = true
            case .unopened, .skipped: break
            }
            headers = []
            part = .unopened
        }

        /// Starts a part from its headers: a text field, the file (the first one with a name), or something to skip.
        private func open() {
            parts += 1
            let disposition = UploadForm.disposition(headers)
            guard let name = disposition["name"] else {
                part = .skipped
                return
            }
            guard let filename = disposition["filename"] else {
                part = .field(name: name, bytes: [])
                return
            }
            let plainName = (filename as NSString).lastPathComponent
            guard name == fileField, form.upload == nil, form.fileProblem == nil, !plainName.isEmpty else {
                part = .skipped
                return
            }
            do {
                let upload = try ImportUpload(filename: plainName)
                form.upload = upload
                part = .file(upload)
            } catch let error as APIError {
                form.fileProblem = error.message
                part = .skipped
            } catch {
                failure = failure ?? error
                part = .skipped
            }
        }
    }

    /// The parameters of a part's `Content-Disposition: form-data; name="x"; filename="y"` header.
    static func disposition(_ headers: [(String, String)]) -> [String: String] {
        var parameters: [String: String] = [:]
        for (name, value) in headers where name.lowercased() == "content-disposition" {
            for item in value.split(separator: ";").dropFirst() {
                let pair = item.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                var value = pair[1].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                parameters[pair[0].trimmingCharacters(in: .whitespaces).lowercased()] = value.replacingOccurrences(of: "%22", with: "\"")
            }
        }
        return parameters
    }
}
