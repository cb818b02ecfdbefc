import Foundation
import Testing

/// `qudao rules check` and `qudao rules builtin` run as a separate process.
@Suite struct RulesCommandTests {
    func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try CrashTests.runQudao(arguments)
    }

    func file(_ text: String, named name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func theBuiltInRulesCheckClean() throws {
        let builtIn = try run(["rules", "builtin"])
        #expect(builtIn.status == 0)
        let url = try file(builtIn.output, named: "builtin.yaml")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let checked = try run(["rules", "check", url.path])
        #expect(checked.status == 0, "\(checked.errors)")
        #expect(checked.output.hasPrefix("builtin.yaml: 9 rules OK (anomalous_order 1,"), "\(checked.output)")
    }

    @Test func everyProblemIsReportedWithItsPlace() throws {
        let text = """
            rules:
              - id: late-east
                name: 华东准时率
                severity: urgent
                risk_type: late_delivery
                condition:
                  kind: measure
                  measure: on_time_rate
                  by: [province]
                  window: 7days
                  op: "<"
                  thresold: 0.9
            """
        let url = try file(text, named: "rules.yaml")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let checked = try run(["rules", "check", url.path])
        #expect(checked.status == 1)
        #expect(checked.output.contains("rules.yaml: 4 problems") || checked.output.contains("rules.yaml: 3 problems"), "\(checked.output)")
        #expect(checked.errors.contains("rules.yaml:4:"), "\(checked.errors)")
        #expect(checked.errors.contains("severity"), "\(checked.errors)")
        #expect(checked.errors.contains("`7days` is not a duration"), "\(checked.errors)")
        #expect(checked.errors.contains("did you mean `threshold`"), "\(checked.errors)")
    }
}
