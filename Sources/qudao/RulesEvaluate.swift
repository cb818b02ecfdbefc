import ArgumentParser
import ChannelAnalytics
import ChannelCore
import ChannelStore
import Foundation

extension RulesCommand {
    /// `qudao rules eval`: what the rules find in the database now (or at an instant), without raising alerts.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval", abstract: "Evaluate rules on the database and print what they find (nothing is stored).",
            discussion: """
                Evaluates the rules of FILE (the built-in rules without one) at --at (default: now) on the analytic \
                engine and prints rule, subject, value, threshold and message per finding as CSV, then on standard \
                error how long learning the rules' baselines (demand forecasts for the stock rules) and judging the \
                snapshot against them took (not counting loading the engine). The server keeps its baselines between \
                evaluations, so an evaluation there costs the judging time.
                """)

        @OptionGroup var storage: StorageOptions

        @Argument(help: "A rules file (default: the built-in rules).")
        var file: String?

        @Option(help: ArgumentHelp("Evaluate as of this instant (ISO 8601), e.g. the end of imported data.", valueName: "instant"))
        var at: String?

        @Option(name: .customLong("lang"), help: "Language of the messages: zh or en.")
        var language: AnomaliesCommand.ReasonLanguage = .zh

        /// The rules of a file (checked, every problem reported), or the built-in rules.
        static func rules(_ file: String?) throws -> [AlertRule] {
            guard let file else { return AlertRule.builtIn }
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            do {
                return try AlertRuleFile.parse(data)
            } catch {
                throw ValidationError(error.report(file: URL(fileURLWithPath: file).lastPathComponent))
            }
        }

        /// An ISO 8601 instant, or now.
        static func instant(_ text: String?) throws -> Instant {
            do {
                return try text.map { try Instant(iso8601: $0) } ?? Instant(Date())
            } catch {
                throw ValidationError("--at: \(error)")
            }
        }

        func run() throws {
            let rules = try Self.rules(file)
            let instant = try Self.instant(at)
            let store = try storage.openExistingStore()
            let engine = try AnalyticsEngine(store: store)
            let started = ContinuousClock.now
            let baselines = try RiskBaselines.learn(for: rules, from: engine.snapshot)
            let learnt = ContinuousClock.now
            let findings = try RuleEvaluator().evaluate(rules, on: engine.snapshot, at: instant, baselines: baselines) {
                try store.orderIDs(rowIDs: $0)
            }
            let (learning, judging) = ((learnt - started) / .milliseconds(1), (ContinuousClock.now - learnt) / .milliseconds(1))
            var text = "rule,subject,value,threshold,message\n"
            for finding in findings {
                text += [
                    finding.ruleID.rawValue, CSVField.quoted(finding.subject), finding.value.map(RuleEvaluator.number) ?? "",
                    finding.threshold.map(RuleEvaluator.number) ?? "",
                    CSVField.quoted(language == .zh ? finding.message : finding.messageEnglish),
                ].joined(separator: ",") + "\n"
            }
            FileHandle.standardOutput.write(Data(text.utf8))
            FileHandle.standardError.write(
                Data(
                    "baselines learnt in \(Int(learning.rounded())) ms; \(rules.count) rules, \(findings.count) findings in \(Int(judging.rounded())) ms\n"
                        .utf8))
        }
    }
}
