import Foundation
import Hummingbird
import NIOCore
import Testing

@testable import ChannelServer

/// The import page's upload form, read as it streams in: fields by name, the file on disk byte for byte whatever the
/// chunking, and a clear refusal of a cut-off, oversized or malformed body (leaving no file behind).
@Suite struct UploadFormTests {
    static let boundary = "----qudao-form-7MA4YWxkTrZu0gW"

    /// A form with a CSRF token, an empty entity field, and `file` under `filename`.
    static func form(file: [UInt8], filename: String = "orders.csv", closed: Bool = true) -> [UInt8] {
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\ntoken-1\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"entity\"\r\n\r\n\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        body += file
        if closed { body += Array("\r\n--\(boundary)--\r\n".utf8) }
        return body
    }

    /// `bytes` as a request body arriving in chunks of `size` bytes.
    static func body(_ bytes: [UInt8], chunk size: Int) -> RequestBody {
        let chunks = stride(from: 0, to: bytes.count, by: size).map { ByteBuffer(bytes: bytes[$0..<min(bytes.count, $0 + size)]) }
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        for chunk in chunks { continuation.yield(chunk) }
        continuation.finish()
        return RequestBody(asyncSequence: stream)
    }

    /// File bytes that contain CR LF, dashes and most of the boundary, to trip a parser that matches too early.
    static let file: [UInt8] = Array("order_id,qty\r\nSO-1,2\r\n--\(boundary.dropLast(3))\r\n\r\n--\r\n".utf8) + (0..<4_000).map { UInt8($0 % 251) }

    @Test(arguments: [1, 7, 64, 1 << 20])
    func fieldsAndTheFileSurviveAnyChunking(chunk: Int) async throws {
        let form = try await UploadForm.read(
            Self.body(Self.form(file: Self.file), chunk: chunk), boundary: Self.boundary, fileField: "file", maxBytes: 1 << 20)
        let upload = try #require(form.upload)
        defer { upload.discard() }
        #expect(form.fields == ["csrf_token": "token-1", "entity": ""])
        #expect(upload.filename == "orders.csv")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: upload.path))) == Self.file)
    }

    @Test func aFormWithoutAFileHasNoUpload() async throws {
        let form = try await UploadForm.read(
            Self.body(Self.form(file: [], filename: ""), chunk: 100), boundary: Self.boundary, fileField: "file", maxBytes: 1 << 20)
        #expect(form.upload == nil && form.fileProblem == nil)
        #expect(form.fields["csrf_token"] == "token-1")
    }

    @Test func aHiddenFileNameIsReportedNotStored() async throws {
        let form = try await UploadForm.read(
            Self.body(Self.form(file: Self.file, filename: ".profile"), chunk: 100), boundary: Self.boundary, fileField: "file",
            maxBytes: 1 << 20)
        #expect(form.upload == nil)
        #expect(form.fileProblem?.contains("not a plain file name") == true)
    }

    @Test func refusals() async throws {
        // A name of its own, to find any file of these uploads left behind.
        let filename = "orders-\(UUID().uuidString).csv"
        func failure(_ bytes: [UInt8], maxBytes: Int = 1 << 20) async -> APIError? {
            do {
                _ = try await UploadForm.read(Self.body(bytes, chunk: 512), boundary: Self.boundary, fileField: "file", maxBytes: maxBytes)
                return nil
            } catch { return error as? APIError }
        }
        let cut = await failure(Self.form(file: Self.file, filename: filename, closed: false))
        #expect(cut?.message.contains("cut off") == true)
        let large = await failure(Self.form(file: Self.file, filename: filename), maxBytes: 1_000)
        #expect(large?.status == .contentTooLarge)
        let none = await failure(Array("no parts here".utf8))
        #expect(none?.message.contains("no part") == true)
        let temporary = FileManager.default.temporaryDirectory
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { folder in
            folder.hasPrefix("qudao-upload-")
                && FileManager.default.fileExists(atPath: temporary.appendingPathComponent(folder).appendingPathComponent(filename).path)
        }
        #expect(left.isEmpty, "an upload that failed left its file behind")
    }

    @Test func theBoundaryIsReadFromTheContentType() {
        #expect(UploadForm.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(UploadForm.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b")
        #expect(UploadForm.boundary(contentType: "multipart/form-data; boundary=") == nil)
        #expect(UploadForm.boundary(contentType: "application/json") == nil)
        #expect(UploadForm.boundary(contentType: nil) == nil)
    }
}
