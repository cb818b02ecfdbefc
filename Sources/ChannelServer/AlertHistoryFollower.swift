import ChannelCore
import ChannelStore
import Logging
import ServiceLifecycle

/// Follows every alert's history in the database and tells the live-updates streams (`GET /api/v1/alerts/events`)
/// what happened to alerts, whichever server did it: on several servers sharing one PostgreSQL database the rules run
/// on one of them and people change alerts through any, and each server's stream shows all of it.
///
/// It starts after the newest entry there is when the server's application is built (`start`), before any of the
/// server's services runs, so that alerts its own first evaluation raises are streamed too; nil starts at the newest
/// entry on its first look (when the store could not say at build time).
///
/// Each history entry becomes a notice (its sequence the entry's id, the same on every server) with the alert as it is
/// when read: `raised` for a new alert, `changed` for anything people, plans or a snooze's end did to one. While
/// nobody listens, the follower only moves its place to the newest entry.
struct AlertHistoryFollower: Service {
    let store: any AlertStore
    let feed: AlertFeed
    let start: Int64?
    let interval: Duration
    let logger: Logger
    /// Entries read at a time.
    static let batch = 256

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var last = start
            while !Task.isCancelled {
                do {
                    last = try follow(after: last)
                } catch {
                    logger.error("the alert history could not be followed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Publishes the entries after `last` (none on the first look) and returns the place reached.
    func follow(after last: Int64?) throws -> Int64 {
        guard let last, feed.listenerCount > 0 else { return try store.latestAlertHistoryID() }
        var reached = last
        while true {
            let entries = try store.alertHistory(after: reached, limit: Self.batch)
            feed.publish(entries.compactMap(AlertNotice.init))
            reached = entries.last?.id ?? reached
            if entries.count < Self.batch { return reached }
        }
    }
}

extension AlertNotice {
    /// The notice of a history entry; nil for a repeat (earlier versions wrote one per occurrence).
    init?(_ entry: AlertHistoryEntry) {
        switch entry.action {
        case .repeated: return nil
        case .raised: self.init(sequence: entry.id, kind: .raised, alert: entry.alert)
        default: self.init(sequence: entry.id, kind: .changed, alert: entry.alert)
        }
    }
}
