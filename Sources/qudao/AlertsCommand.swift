import ArgumentParser
import ChannelAnalytics
import ChannelCore
import ChannelStore
import Foundation

/// `qudao alerts`: raise alerts from the rules, list them, and move them through their lifecycle.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Raise alerts from the rules and work them: list, show, ack, assign, comment, snooze, resolve.",
        discussion: """
            An alert is one rule holding for one subject (a province, an order, a location × SKU...). `evaluate` runs \
            the rules on the database and records what they find: a subject that already has an alert not resolved \
            counts as a repeat, one resolved within the rule's cooldown stays quiet, others raise new open alerts. \
            Changes made here are audited with the actor cli:$USER.
            """,
        subcommands: [Evaluate.self, List.self, Show.self, Acknowledge.self, Assign.self, Comment.self, Snooze.self, Resolve.self])

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Evaluate the rules (a file, or the built-in ones) and record alerts.")

        @OptionGroup var storage: StorageOptions

        @Argument(help: "A rules file (default: the built-in rules).")
        var file: String?

        @Option(help: ArgumentHelp("Evaluate as of this instant (ISO 8601; default now).", valueName: "instant"))
        var at: String?

        func run() throws {
            let rules = try RulesCommand.Evaluate.rules(file)
            let instant = try RulesCommand.Evaluate.instant(at)
            let store = try storage.openExistingStore()
            let (findings, recording) = try RuleEvaluator().raiseAlerts(
                rules, on: try AnalyticsEngine(store: store).snapshot, at: instant, store: store)
            print("\(findings) findings: \(recording.raised.count) new alerts, \(recording.repeated) repeats, \(recording.suppressed) in cooldown")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List alerts, newest first.")

        @OptionGroup var storage: StorageOptions

        @Option(
            name: .customLong("state"),
            help: ArgumentHelp("Only these states (repeatable): \(Alert.State.allCases.map(\.rawValue).joined(separator: ", ")); default: all but resolved.", valueName: "state"),
            transform: choice)
        var states: [Alert.State] = []

        @Option(help: "Alerts shown at most.")
        var limit = 50

        @Option(name: .customLong("lang"), help: "Language of the messages: zh or en.")
        var language: AnomaliesCommand.ReasonLanguage = .zh

        func run() throws {
            let wanted = states.isEmpty ? Set(Alert.State.allCases.filter { $0 != .resolved }) : Set(states)
            let alerts = try storage.openExistingStore().alerts(states: wanted, limit: limit)
            guard !alerts.isEmpty else { return print("no alerts") }
            var table = TextTable(header: ["id", "state", "severity", "rule", "subject", "seen", "last seen (UTC)", "assignee", "message"])
            table.rightAligned = [0, 5]
            for alert in alerts {
                table.rows.append([
                    String(alert.id), alert.state.rawValue, alert.severity.rawValue, alert.ruleID, alert.subject,
                    String(alert.occurrences), alert.lastSeenAt.description, alert.assignee?.rawValue ?? "",
                    language == .zh ? alert.message : alert.messageEnglish,
                ])
            }
            print(table.text)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one alert and its history.")

        @OptionGroup var storage: StorageOptions

        @Argument(help: "The alert's id.")
        var id: Int64

        func run() throws {
            let (alert, history) = try storage.openExistingStore().alert(id)
            print("alert \(alert.id) [\(alert.state.rawValue), \(alert.severity.rawValue), \(alert.riskType)] \(alert.ruleID) \(alert.subject)")
            print(alert.message)
            print(alert.messageEnglish)
            for event in history {
                print("  \(event.at)  \(event.action.rawValue)  \(event.actor)" + (event.note.map { "  \($0)" } ?? ""))
            }
        }
    }

    struct Acknowledge: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge an open or snoozed alert.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The alert's id.") var id: Int64

        func run() throws {
            let alert = try storage.openExistingStore().acknowledge(id, actor: UserCommand.actor, requestID: nil, at: Instant(Date()))
            print("alert \(alert.id) is \(alert.state.rawValue)")
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign an alert to a user (or --nobody).")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The alert's id.") var id: Int64
        @Argument(help: "The user id.") var user: String?
        @Flag(help: "Clear the assignee.") var nobody = false

        func validate() throws {
            guard (user == nil) == nobody else { throw ValidationError("give a user id or --nobody") }
        }

        func run() throws {
            let alert = try storage.openExistingStore().assign(
                id, to: user.map { UserID($0) }, actor: UserCommand.actor, requestID: nil, at: Instant(Date()))
            print("alert \(alert.id) is assigned to \(alert.assignee?.rawValue ?? "nobody")")
        }
    }

    struct Comment: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a comment to an alert's history.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The alert's id.") var id: Int64
        @Argument(help: "The comment.") var text: String

        func run() throws {
            _ = try storage.openExistingStore().comment(id, text, actor: UserCommand.actor, requestID: nil, at: Instant(Date()))
            print("comment added to alert \(id)")
        }
    }

    struct Snooze: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Snooze an alert until an instant (or for a duration such as 4h).")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The alert's id.") var id: Int64
        @Option(help: ArgumentHelp("Until this instant (ISO 8601) or for this long (30m, 4h, 2d).", valueName: "when")) var until: String

        func run() throws {
            let now = Instant(Date())
            let end: Instant
            if let duration = RuleDuration(until) {
                end = Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch + Int64(duration.seconds) * 1_000)
            } else {
                do { end = try Instant(iso8601: until) } catch { throw ValidationError("--until `\(until)` is neither an ISO 8601 instant nor a duration like 4h") }
            }
            let alert = try storage.openExistingStore().snooze(id, until: end, actor: UserCommand.actor, requestID: nil, at: now)
            print("alert \(alert.id) is snoozed until \(end)")
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve an alert.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The alert's id.") var id: Int64
        @Option(help: "What was done.") var note: String?

        func run() throws {
            let alert = try storage.openExistingStore().resolve(id, note: note, actor: UserCommand.actor, requestID: nil, at: Instant(Date()))
            print("alert \(alert.id) is \(alert.state.rawValue)")
        }
    }
}
