import ArgumentParser
import ChannelAuth
import ChannelCore
import ChannelStore
import Foundation

/// `qudao webhooks`: webhook endpoints, their deliveries and dead letters.
struct WebhooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Webhook endpoints: add, list, remove; their deliveries, dead letters and replays.",
        discussion: """
            A running `qudao serve` POSTs every alert raised (alert.raised) or changed (alert.changed) to the active \
            endpoints subscribed to it, signed with the endpoint's secret (X-Qudao-Signature), and retries failures \
            with exponential backoff; deliveries that fail for good become dead letters. `replay` queues a dead letter \
            again: the running server sends it within 5 seconds (or at its next start). The format, headers and how to \
            verify a signature: docs/WEBHOOKS.md. Changes are audited with the actor cli:$USER.
            """,
        subcommands: [Add.self, List.self, Remove.self, Deliveries.self, Dead.self, Replay.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an endpoint and print its secret (shown this once).",
            discussion: "Without --secret a random one is generated (whsec_ and 64 hex digits).")

        @OptionGroup var storage: StorageOptions

        @Argument(help: "Where to POST the events: an http:// or https:// URL.")
        var url: String

        @Option(help: "A name for people (default: the URL's host).")
        var name: String?

        @Option(
            name: .customLong("event"),
            help: ArgumentHelp(
                "An event kind to receive (repeatable): \(WebhookEventKind.allCases.map(\.rawValue).joined(separator: ", ")); default: all.",
                valueName: "kind"))
        var events: [String] = []

        @Option(help: ArgumentHelp("The signing secret, 16 to 256 printable ASCII characters (default: generated).", valueName: "secret"))
        var secret: String?

        func run() throws {
            let secretText = secret ?? WebhookSecret.generate().text
            let endpoint: NewWebhookEndpoint
            do {
                endpoint = try NewWebhookEndpoint(name: name, url: url, events: events, secret: secretText)
            } catch {
                throw ValidationError("the webhook endpoint is not valid: \(error)")
            }
            let created = try storage.openStore().createWebhookEndpoint(endpoint, actor: UserCommand.actor, requestID: nil, at: Instant(Date()))
            let events = created.events.map(\.rawValue).joined(separator: ", ")
            print("webhook endpoint \(created.id) (\(created.name)) added: \(created.url) for \(events)")
            print("secret (shown this once; the receiver checks X-Qudao-Signature with it): \(secretText)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the endpoints (never their secrets).")

        @OptionGroup var storage: StorageOptions

        @Flag(help: "Also list deactivated endpoints.")
        var all = false

        func run() throws {
            let endpoints = try storage.openExistingStore().webhookEndpoints(includingInactive: all)
            guard !endpoints.isEmpty else { return print("no webhook endpoints") }
            var table = TextTable(header: ["id", "name", "url", "events", "active", "created (UTC)", "by"])
            table.rightAligned = [0]
            for endpoint in endpoints {
                table.rows.append([
                    String(endpoint.id), endpoint.name, endpoint.url, endpoint.events.map(\.rawValue).joined(separator: ","),
                    endpoint.isActive ? "yes" : "no", endpoint.createdAt.description, endpoint.createdBy,
                ])
            }
            print(table.text)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deactivate an endpoint: it receives nothing more; its pending deliveries become dead letters.",
            discussion: "The endpoint and its deliveries stay in the database for their history.")

        @OptionGroup var storage: StorageOptions
        @Argument(help: "The endpoint's id.") var id: Int64

        func run() throws {
            let endpoint = try storage.openExistingStore().deactivateWebhookEndpoint(
                id, actor: UserCommand.actor, requestID: nil, at: Instant(Date()))
            print("webhook endpoint \(endpoint.id) (\(endpoint.name)) is deactivated")
        }
    }

    struct Deliveries: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the deliveries of an endpoint, newest first.")

        @OptionGroup var storage: StorageOptions
        @Argument(help: "The endpoint's id.") var id: Int64
        @Option(help: "Deliveries shown at most.") var limit = 50

        func run() throws {
            print(WebhooksCommand.table(try storage.openExistingStore().webhookDeliveries(endpoint: id, limit: limit), empty: "no deliveries"))
        }
    }

    struct Dead: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the dead letters of every endpoint, oldest first.")

        @OptionGroup var storage: StorageOptions
        @Option(help: "Dead letters shown at most.") var limit = 100

        func run() throws {
            print(WebhooksCommand.table(try storage.openExistingStore().deadWebhookDeliveries(limit: limit), empty: "no dead letters"))
        }
    }

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue a dead letter again, with a new round of attempts.",
            discussion: """
                This marks the delivery pending; it does not send it. A running `qudao serve` picks it up within 5 \
                seconds, or the next server to start does. `qudao webhooks deliveries ENDPOINT` shows how it went.
                """)

        @OptionGroup var storage: StorageOptions
        @Argument(help: "The delivery's id.") var delivery: Int64

        func run() throws {
            let replayed = try storage.openExistingStore().replayWebhookDelivery(
                delivery, actor: UserCommand.actor, requestID: nil, at: Instant(Date()))
            print("webhook delivery \(replayed.id) (endpoint \(replayed.endpointID)) is pending: a running `qudao serve` sends it within 5 s")
        }
    }

    /// Deliveries as a table: id, endpoint, event, type, state, attempts, last status or error, times.
    static func table(_ deliveries: [WebhookDelivery], empty: String) -> String {
        guard !deliveries.isEmpty else { return empty }
        var table = TextTable(header: ["id", "endpoint", "event", "type", "state", "attempts", "last", "created (UTC)", "next / delivered (UTC)"])
        table.rightAligned = [0, 1, 5]
        for delivery in deliveries {
            // The last error says more than the last status (a dead letter's reason names its last outcome).
            let last = delivery.lastError ?? delivery.lastStatus.map { "HTTP \($0)" } ?? ""
            table.rows.append([
                String(delivery.id), String(delivery.endpointID), delivery.eventID, delivery.kind.rawValue, delivery.state.rawValue,
                String(delivery.attempts), last, delivery.createdAt.description,
                (delivery.nextAttemptAt ?? delivery.deliveredAt)?.description ?? "",
            ])
        }
        return table.text
    }
}
