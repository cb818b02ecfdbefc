import ChannelCore
import ChannelDemo
import ChannelStoreSQLite
import Foundation
import Testing

/// Runs the real `qudao` binary as a separate process.
@Suite(.serialized) struct CrashTests {
    /// The `qudao` executable SwiftPM built next to this test bundle (or `QUDAO_BINARY`).
    /// Runs `qudao` with `arguments` to the end; its exit status, standard output and standard error.
    static func runQudao(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = try qudaoBinary()
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text, errorText)
    }

    static func qudaoBinary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["QUDAO_BINARY"] { return URL(fileURLWithPath: path) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("qudao")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "qudao next to \(CommandLine.arguments[0])"])
    }

    @Test func killedImportLeavesAllOrNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        let summary = try DemoDataset(lines: 120_000, seed: 3).write(to: data)
        let database = folder.appendingPathComponent("crash.sqlite").path

        let process = Process()
        process.executableURL = try Self.qudaoBinary()
        process.arguments = ["import", "--db", database, data.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Progress lines name each file as it starts; once order lines are being read, orders are already
        // written inside the open transaction: kill there.
        var seen = ""
        while process.isRunning, !seen.contains("order_lines.csv") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        let killedMidway = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let store = try SQLiteChannelStore(path: database)
        #expect(try store.integrityCheck() == ["ok"])
        let counts = try store.rowCounts()
        let total = counts.values.reduce(0, +)
        let expected = summary.rowsByFile.filter { $0.key != "anomalies_truth.csv" }.values.reduce(0, +)
        #expect(total == 0 || total == expected, "a killed import left \(total) of \(expected) rows")
        if killedMidway { #expect(total == 0) }
        #expect(killedMidway, "the import finished before it could be killed; output: \(seen)")

        // The same import then runs to the end on the recovered file.
        let rerun = Process()
        rerun.executableURL = try Self.qudaoBinary()
        rerun.arguments = ["import", "--db", database, data.path]
        rerun.standardOutput = FileHandle.nullDevice
        rerun.standardError = FileHandle.nullDevice
        try rerun.run()
        rerun.waitUntilExit()
        #expect(rerun.terminationStatus == 0)
        #expect(try store.rowCounts().values.reduce(0, +) == expected)
    }

    @Test func abortedImportExitsNonZeroAndNamesTheLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("region_id,name,parent_id,level\n110000,北京市,,province\n110100,北京市01市,110000,town\n".utf8)
            .write(to: folder.appendingPathComponent("regions.csv"))
        let process = Process()
        process.executableURL = try Self.qudaoBinary()
        process.arguments = ["import", "--db", folder.appendingPathComponent("x.sqlite").path, folder.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(text.contains("regions.csv:3: column level: value 'town' is not one of: province, city, district"), "\(text)")
        #expect(text.contains("nothing was imported"))
    }
}
