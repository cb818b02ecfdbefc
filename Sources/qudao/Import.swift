import ArgumentParser
import ChannelCore
import ChannelImport
import Foundation

/// `qudao import`: bulk import of CSV / JSON Lines exports.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import CSV or JSON Lines files (or folders of them) in one transaction.",
        discussion: """
            Each file holds one entity, told by --entity, the mapping's `files` patterns, or its name \
            (regions, partners, products, outlets, orders, order_lines, shipments, inventory_snapshots, feedback, \
            complaints; e.g. orders.csv, orders_2025.jsonl). Files are imported parents first, whatever their order. \
            Rows are upserted by natural key: importing the same files again changes nothing; a changed row is \
            updated and audited. Encodings: UTF-8 (with or without BOM), GB18030/GBK, UTF-16 with BOM.
            """)

    @OptionGroup var storage: StorageOptions

    @Option(help: ArgumentHelp("A column mapping (JSON or YAML) for other file layouts.", valueName: "file"))
    var mapping: String?

    @Option(
        name: .customLong("on-error"),
        help: ArgumentHelp(
            "abort: any bad row cancels the import and nothing is written; skip: the good rows are written and the bad ones go, with their reasons, to <name>.rejected.csv beside the input.",
            valueName: "abort|skip"))
    var onError = "abort"

    @Option(help: ArgumentHelp("Treat every given file as this entity.", valueName: "name"))
    var entity: String?

    @Option(help: ArgumentHelp("Read the files in this encoding: utf-8, gbk, gb18030, utf-16le, utf-16be (default: detect).", valueName: "name"))
    var encoding: String?

    @Argument(help: ArgumentHelp("Files or folders to import.", valueName: "path"))
    var paths: [String]

    func validate() throws {
        if let entity, EntityKind(rawValue: entity) == nil {
            throw ValidationError("--entity \(entity) is not an entity; use one of \(EntityKind.allCases.map(\.name).joined(separator: ", "))")
        }
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("--encoding \(encoding) is not supported; use utf-8, gbk, gb18030, utf-16le or utf-16be")
        }
        if ErrorPolicy(rawValue: onError) == nil { throw ValidationError("--on-error must be abort or skip, not \(onError)") }
        if paths.isEmpty { throw ValidationError("give at least one file or folder to import") }
    }

    func run() throws {
        let options = ImportOptions(
            onError: ErrorPolicy(rawValue: onError) ?? .abort, mapping: try mapping.map { try ColumnMapping.load(from: URL(fileURLWithPath: $0)) },
            entity: entity.flatMap(EntityKind.init(rawValue:)), encoding: encoding.flatMap(TextEncoding.init(name:)),
            actor: "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")")
        let terminal = ProgressDisplay()
        let report: ImportReport
        do {
            report = try storage.withStoreForLoading { store in
                try Importer(store: store, options: options).run(paths: paths) { terminal.show($0) }
            }
        } catch let error as ImportError {
            terminal.clear()
            throw CommandFailure("import failed: \(error)")
        }
        terminal.clear()
        print(ImportSummary(report: report).text)
        if !report.isCommitted { throw ExitCode.failure }
    }
}

/// An error that ends a command with a one-line message and exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
