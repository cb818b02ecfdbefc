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
            let name = URL(fileURLWithPath: file).lastPathComponent
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw ValidationError("cannot read \(file): \(error.localizedDescription)")
            }
            do {
                let rules = try AlertRuleFile.parse(data)
                let kinds = Dictionary(grouping: rules, by: { $0.condition.kind.rawValue }).map { "\($0.key) \($0.value.count)" }.sorted()
                print("\(name): \(rules.count) rule\(rules.count == 1 ? "" : "s") OK (\(kinds.joined(separator: ", ")))")
            } catch {
                FileHandle.standardError.write(Data((error.report(file: name) + "\n").utf8))
                print("\(name): \(error.issues.count) problem\(error.issues.count == 1 ? "" : "s")")
                throw ExitCode(1)
            }
        }
    }

    /// `qudao rules builtin`: the built-in rules as a file to start from.
    struct BuiltIn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "builtin", abstract: "Print the built-in rules as a YAML rules file to start from.")

        func run() { print(AlertRule.builtInRulesYAML) }
    }
}
