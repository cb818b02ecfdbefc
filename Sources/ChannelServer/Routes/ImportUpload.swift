import ChannelCore
import Foundation
import HTTPTypes

/// An uploaded file on its way to an import: kept under its own name in a private temporary folder (the name tells
/// the importer the entity), which the import removes when it is done.
final class ImportUpload: Sendable {
    let folder: URL
    let filename: String
    var path: String { folder.appendingPathComponent(filename).path }
    // Written by one request, then only read: the handle is used before `close()` and never after.
    private let handle: FileHandle

    /// Creates the folder and an empty file named `filename` (a plain name: no `/`, not hidden).
    init(filename: String) throws {
        guard !filename.isEmpty, !filename.contains("/"), !filename.contains("\\"), !filename.hasPrefix(".") else {
            throw APIError.invalid("the file name '\(filename)' is not a plain file name (orders.csv, order_lines.jsonl, ...)")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-upload-\(UUID().uuidString)")
        self.filename = filename
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(filename).path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            try? FileManager.default.removeItem(at: folder)
            throw APIError(.internalServerError, "internal", "the upload could not be stored in \(folder.path)")
        }
        self.handle = handle
    }

    func write(_ data: Data) throws { try handle.write(contentsOf: data) }

    func close() throws { try handle.close() }

    /// Removes the file and its folder (after the import, or when the upload failed).
    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The file's size in bytes.
    var size: Int64 { ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0 }
}
