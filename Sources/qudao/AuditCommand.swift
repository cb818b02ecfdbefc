import ArgumentParser
import ChannelCore
import ChannelStore

/// `qudao audit`: the audit trail.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Inspect and verify the audit trail.", subcommands: [Verify.self, List.self])

    /// `qudao audit verify`: recomputes the hash chain.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit trail's hash chain; exit 1 naming the first broken event.",
            discussion: """
                Every audit event stores the hash of the event before it and its own hash (SHA-256 over its contents \
                and that link), so an edited, removed or inserted event breaks the chain from there on. Prints \
                "audit chain intact: N events" and exits 0, or names the first event that does not fit (id, time, \
                entity, key, why) and exits 1.
                """)

        @OptionGroup var storage: StorageOptions

        func run() throws {
            let report = try storage.openExistingStore().verifyAuditChain()
            guard let broken = report.firstBreak else {
                print("audit chain intact: \(report.eventsChecked) events")
                return
            }
            print(
                "audit chain broken at event \(broken.eventID) (\(broken.at), \(broken.entity) \(broken.entityKey)): "
                    + "\(broken.reason.rawValue); \(report.eventsChecked - 1) events before it are intact")
            throw ExitCode(1)
        }
    }

    /// `qudao audit list`: recent events as a table.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List audit events, newest first.")

        @OptionGroup var storage: StorageOptions

        @Option(help: ArgumentHelp("Only events of this entity (table), e.g. orders.", valueName: "name"))
        var entity: String?

        @Option(help: ArgumentHelp("Only events of this entity key (a natural key, parts joined by /, or a file).", valueName: "key"))
        var key: String?

        @Option(help: ArgumentHelp("Only events by this actor.", valueName: "actor"))
        var actor: String?

        @Option(help: ArgumentHelp("How many events, 1...1000.", valueName: "n"))
        var limit = 50

        func validate() throws {
            guard (1...RecordQuery.maximumLimit).contains(limit) else {
                throw ValidationError("--limit must be between 1 and \(RecordQuery.maximumLimit)")
            }
        }

        func run() throws {
            let page = try storage.openExistingStore().auditTrail(
                AuditQuery(entity: entity, entityKey: key, actor: actor, limit: limit, newestFirst: true))
            guard !page.events.isEmpty else {
                print("no audit events match")
                return
            }
            var table = TextTable(header: ["id", "at", "actor", "request", "action", "entity", "key"], rightAligned: [0])
            for event in page.events {
                table.rows.append([
                    String(event.id), event.at.iso8601, event.actor, event.requestID ?? "", event.action.rawValue, event.entity,
                    event.entityKey,
                ])
            }
            print(table.text)
        }
    }
}
