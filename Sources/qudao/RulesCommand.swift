import ArgumentParser
import ChannelCore
import Foundation

/// `qudao rules`: alert rules files.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Check alert rules files, print the built-in rules, or evaluate rules on the database.",
        subcommands: [Check.self, BuiltIn.self, Evaluate.self])

    /// `qudao rules check FILE`: validates a rules file.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a rules file (YAML or JSON); print every problem with its line, column and rule.",
            discussion: """
                Prints "FILE: N rules OK" and exits 0, or one line per problem ("FILE:LINE:COLUMN: rules[i] (id): \
                key: what is wrong and what would be right") and exits 1. The format: docs/ALERT_RULES.md.
                """)

        @Argument(help: "The rules file.")
        var file: String

        func run() throws {
            try RulesCommand.check(file, noun: "rule") { (data: Data) throws(RuleIssues) in
                let rules = try AlertRuleFile.parse(data)
                let kinds = Dictionary(grouping: rules, by: { $0.condition.kind.rawValue }).map { "\($0.key) \($0.value.count)" }.sorted()
                return (rules.count, kinds.joined(separator: ", "))
            }
        }
    }

    /// Checks a rules or plans file: prints "FILE: N <noun>s OK (detail)", or every problem on standard error and
    /// "FILE: N problems", then exits 1.
    static func check(_ file: String, noun: String, parse: (Data) throws(RuleIssues) -> (count: Int, detail: String)) throws {
        let name = URL(fileURLWithPath: file).lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        do {
            let (count, detail) = try parse(data)
            print("\(name): \(count) \(noun)\(count == 1 ? "" : "s") OK (\(detail))")
        } catch {
            FileHandle.standardError.write(Data((error.report(file: name) + "\n").utf8))
            print("\(name): \(error.issues.count) problem\(error.issues.count == 1 ? "" : "s")")
            throw ExitCode(1)
        }
    }

    /// `qudao rules builtin`: the built-in rules as a file to start from.
    struct BuiltIn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "builtin", abstract: "Print the built-in rules as a YAML rules file to start from.")

        func run() { print(AlertRule.builtInRulesYAML) }
    }
}
