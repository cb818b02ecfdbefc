import ArgumentParser
import ChannelCore
import ChannelStore
import Foundation

/// `qudao plans`: contingency plans files, starting a plan for an alert, its tasks, and SLA compensation.
struct PlansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: "Contingency plans: check a plans file, start a plan for an alert, work its tasks, compute SLA compensation.",
        discussion: """
            A plan answers risk types (an alert's risk type picks it) with steps that have owners and SLAs, ranked \
            backup suppliers, temporary warehouses and compensation terms. Starting a plan for an alert creates a task \
            per step; steps without prerequisites are due at once plus their SLA, the others when their prerequisites \
            close. The format: docs/CONTINGENCY.md. Changes are audited with the actor cli:$USER.
            """,
        subcommands: [Check.self, BuiltIn.self, Start.self, Runs.self, Show.self, Done.self, Skip.self, Compensation.self])

    /// The plans of a file (checked, every problem reported), or the standard plans.
    static func plans(_ file: String?) throws -> [ContingencyPlan] {
        guard let file else { return ContingencyPlan.standard }
        let data = try read(file)
        do {
            return try ContingencyPlanFile.parse(data)
        } catch {
            throw ValidationError(error.report(file: URL(fileURLWithPath: file).lastPathComponent))
        }
    }

    static func read(_ file: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a plans file (YAML or JSON); print every problem with its line, column and key.",
            discussion: "Prints \"FILE: N plans OK\" and exits 0, or one line per problem and exits 1.")

        @Argument(help: "The plans file.")
        var file: String

        func run() throws {
            try RulesCommand.check(file, noun: "plan") { (data: Data) throws(RuleIssues) in
                let plans = try ContingencyPlanFile.parse(data)
                return (plans.count, "risk types: " + Set(plans.flatMap(\.riskTypes)).map(\.rawValue).sorted().joined(separator: ", "))
            }
        }
    }

    struct BuiltIn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "builtin", abstract: "Print the standard plans as a YAML plans file to start from.")

        func run() { print(ContingencyPlan.standardPlansYAML) }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a contingency plan for an alert and print its tasks.")

        @OptionGroup var storage: StorageOptions

        @Argument(help: "The alert's id.")
        var alert: Int64

        @Option(help: ArgumentHelp("The plan to start (default: the first answering the alert's risk type).", valueName: "id"))
        var plan: String?

        @Option(help: ArgumentHelp("A plans file (default: the standard plans).", valueName: "file"))
        var plans: String?

        @Option(name: .customLong("assign"), help: ArgumentHelp("Who takes a role's tasks (repeatable), e.g. planner=li.wei.", valueName: "role=user"))
        var assignments: [String] = []

        func run() throws {
            let offered = try PlansCommand.plans(plans)
            let store = try storage.openExistingStore()
            let (found, _) = try store.alert(alert)
            let chosen = try plan.map { id in
                try offered.first { $0.id.rawValue == id }
                    ?? { throw ValidationError("no plan `\(id)`; the plans are \(offered.map(\.id.rawValue).joined(separator: ", "))") }()
            } ?? offered.first { $0.answers(found.riskType) }
            guard let chosen else { throw ValidationError("no plan answers risk type `\(found.riskType)` of alert \(alert); name one with --plan") }
            var assignees: [OwnerRole: UserID] = [:]
            for assignment in assignments {
                let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let role = OwnerRole(rawValue: parts[0]), !parts[1].isEmpty else {
                    throw ValidationError(
                        "--assign \(assignment): write role=user with a role of \(OwnerRole.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                assignees[role] = UserID(parts[1])
            }
            let run = try store.startPlan(chosen, forAlert: alert, assignees: assignees, actor: UserCommand.actor, requestID: nil, at: Instant(Date()))
            print("started plan \(chosen.id) for alert \(alert): run \(run.id)")
            print(PlansCommand.tasks(run, at: Instant(Date())))
        }
    }

    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List started plans, newest first.")

        @OptionGroup var storage: StorageOptions

        @Option(help: "Only the runs of this alert.")
        var alert: Int64?

        @Flag(help: "Only runs with tasks still open.")
        var open = false

        func run() throws {
            let runs = try storage.openExistingStore().planRuns(alert: alert, openOnly: open, limit: 200)
            guard !runs.isEmpty else { return print("no plan runs") }
            let now = Instant(Date())
            var table = TextTable(header: ["run", "alert", "plan", "started (UTC)", "by", "done", "breached", "state"])
            table.rightAligned = [0, 1]
            for run in runs {
                let tasks = run.activation.tasks
                let breached = tasks.filter { $0.clock.reading(at: now).state == .breached }.count
                table.rows.append([
                    String(run.id), String(run.activation.alert.alertID), run.plan.id.rawValue, run.activation.startedAt.description,
                    run.startedBy, "\(tasks.filter { $0.state != .open }.count)/\(tasks.count)", String(breached),
                    run.activation.isFinished ? "finished" : "open",
                ])
            }
            print(table.text)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a started plan: its tasks, owners and SLA clocks.")

        @OptionGroup var storage: StorageOptions

        @Argument(help: "The run's id.")
        var id: Int64

        func run() throws {
            let found = try storage.openExistingStore().planRun(id)
            print("run \(found.id): plan \(found.plan.id) (\(found.plan.title)) for alert \(found.activation.alert.alertID), started \(found.activation.startedAt) by \(found.startedBy)")
            print(PlansCommand.tasks(found, at: Instant(Date())))
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a task of a started plan done.")

        @OptionGroup var storage: StorageOptions
        @Argument(help: "The run's id.") var id: Int64
        @Argument(help: "The step's key.") var step: String

        func run() throws { try PlansCommand.close(storage, id, step, skip: false) }
    }

    struct Skip: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Skip a task of a started plan (its SLA no longer applies).")

        @OptionGroup var storage: StorageOptions
        @Argument(help: "The run's id.") var id: Int64
        @Argument(help: "The step's key.") var step: String

        func run() throws { try PlansCommand.close(storage, id, step, skip: true) }
    }

    static func close(_ storage: StorageOptions, _ run: Int64, _ step: String, skip: Bool) throws {
        let now = Instant(Date())
        let after = try storage.openExistingStore().closeTask(
            run, step: PlanStepKey(rawValue: step), skip: skip, actor: UserCommand.actor, requestID: nil, at: now)
        print(tasks(after, at: now))
    }

    /// The tasks of a run as a table: step, owner, assignee, state, due, SLA clock now.
    static func tasks(_ run: PlanRun, at now: Instant) -> String {
        var table = TextTable(header: ["step", "owner", "assignee", "state", "due (UTC)", "clock", "task"])
        for task in run.activation.tasks {
            let reading = task.clock.reading(at: now)
            var clock = reading.state.rawValue
            if let left = reading.remainingSeconds { clock += " (\(RuleDuration(seconds: Int(left / 60) * 60)) left)" }
            if let over = reading.overdueSeconds { clock += " (\(RuleDuration(seconds: Int((over + 59) / 60) * 60)) over)" }
            table.rows.append([
                task.stepKey.rawValue, task.owner.description, task.assignee?.rawValue ?? "", task.state.rawValue,
                task.dueAt?.description ?? "after \(task.after.map(\.rawValue).joined(separator: ", "))", clock, task.title,
            ])
        }
        return table.text
    }

    struct Compensation: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute what a breached SLA owes under compensation terms (a file with the `compensation:` keys).",
            discussion: """
                FILE holds the terms on their own (target, grace, per_breach, per_started_hour or per_started_day, \
                order_value_bp_per_day, max_amount, max_order_value_bp, currency). Prints each part with its working \
                and the total, or that nothing is owed. Exact: integer fen, half-up rounding.
                """)

        @Argument(help: "The terms file (YAML or JSON).")
        var file: String

        @Option(help: ArgumentHelp("When the SLA's clock started (ISO 8601).", valueName: "instant"))
        var start: String

        @Option(help: ArgumentHelp("When the work was done (ISO 8601; default now).", valueName: "instant"))
        var end: String?

        @Option(name: .customLong("order-value"), help: ArgumentHelp("The affected order's value, e.g. 12800.00.", valueName: "amount"))
        var orderValue: String?

        @Option(name: .customLong("lang"), help: "Language of the explanations: zh or en.")
        var language: AnomaliesCommand.ReasonLanguage = .zh

        func run() throws {
            let name = URL(fileURLWithPath: file).lastPathComponent
            let terms: CompensationTerms
            do {
                terms = try ContingencyPlanFile.parseCompensation(String(decoding: try PlansCommand.read(file), as: UTF8.self))
            } catch let error as RuleIssues {
                throw ValidationError(error.report(file: name))
            }
            let started = try RulesCommand.Evaluate.instant(start)
            let ended = try RulesCommand.Evaluate.instant(end)
            let value: Money?
            do {
                value = try orderValue.map { try Money(parsing: $0, currency: terms.currency) }
            } catch {
                throw ValidationError("--order-value \(orderValue ?? ""): \(error)")
            }
            let owed: ChannelCore.Compensation?
            do {
                owed = try terms.owed(from: started, until: ended, orderValue: value)
            } catch {
                throw ValidationError("\(error)")
            }
            guard let owed else { return print(language == .zh ? "未违约或在宽限期内：无需赔付" : "On time or within grace: nothing is owed") }
            for part in owed.parts { print(language == .zh ? part.explanation : part.explanationEn) }
            print((language == .zh ? "合计 " : "Total ") + owed.total.displayText)
        }
    }
}
