import ChannelCore
import ChannelImport
import ChannelWeb
import Foundation

/// What the preview of a staged upload shows: the file's header and first rows (read by the importer's own CSV
/// and JSON Lines readers, so the encoding and delimiter are detected as the import will), and the column mapping:
/// each model column matched to the header of the same name unless the user chose another.
enum ImportPreviewData {
    static let previewRows = 10

    /// The header and the first rows of the file.
    static func read(_ path: String) throws -> (header: [String], rows: [[String]]) {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension.lowercased()
        if ext == "jsonl" || ext == "ndjson" {
            var reader = try JSONLinesReader(url: url)
            return (reader.header, rows(try reader.nextBatch(maxRecords: previewRows), width: reader.header.count))
        }
        var reader = try CSVReader(url: url)
        return (reader.header, rows(try reader.nextBatch(maxRecords: previewRows), width: reader.header.count))
    }

    private static func rows(_ batch: TextBatch?, width: Int) -> [[String]] {
        guard let batch else { return [] }
        return (0..<min(batch.count, previewRows)).map { record in (0..<width).map { batch.string(record, $0) } }
    }

    /// The model columns of `entity` with the source header each reads from: the chosen one, else the same name.
    static func columns(_ entity: EntityKind, header: [String], chosen: [String: String]) -> [ImportPreviewPage.Column] {
        entity.columns.map { column in
            let source = chosen[column] ?? (header.contains(column) ? column : "")
            return ImportPreviewPage.Column(name: column, isRequired: !entity.optionalColumns.contains(column), source: source)
        }
    }

    /// The mapping for the choices that differ from the file's own names (none when the file already uses Qudao's
    /// names), checked by the importer's mapping reader so a wrong choice is refused with its reason.
    static func mapping(_ entity: EntityKind, choices: [String: String], in folder: URL) throws -> ColumnMapping? {
        let renamed = choices.filter { !$0.value.isEmpty && $0.key != $0.value }
        guard !renamed.isEmpty else { return nil }
        let document: [String: Any] = ["entities": [entity.name: ["columns": renamed]]]
        let file = folder.appendingPathComponent(".mapping.json")
        try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: file)
        return try ColumnMapping.load(from: file)
    }
}
