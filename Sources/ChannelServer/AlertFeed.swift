import ChannelCore
import Foundation
import Synchronization

/// What happened to an alert, as live updates and webhooks tell it.
struct AlertNotice: Sendable, Encodable {
    enum Kind: String, Sendable, Encodable {
        /// The rules raised it.
        case raised
        /// Someone acknowledged, assigned, commented on, snoozed or resolved it.
        case changed
    }

    /// Numbers the notices in order: on the live-updates stream the alert history entry's id (the SSE event id, the
    /// same on every server); among the notices of this server's own doings (for webhooks) a count from 1.
    var sequence: Int64
    var kind: Kind
    var alert: Alert
}

/// Hands every alert notice to everyone listening at the time: one feed tells the webhook service what this server
/// did (`Alerting.feed`), another the live-updates stream of each open alerts page what happened on any server
/// (`AlertHistoryFollower`). A listener too slow to keep up loses its oldest notices (unless it listens with an unbounded
/// buffer), never holds up the others.
final class AlertFeed: Sendable {
    /// Notices a listener may fall behind by before the oldest are dropped.
    static let backlog = 256

    private struct State {
        var next: Int64 = 1
        var listeners: [UUID: AsyncStream<AlertNotice>.Continuation] = [:]

        func yield(_ notice: AlertNotice) {
            for continuation in listeners.values { continuation.yield(notice) }
        }
    }

    private let state = Mutex(State())

    /// A stream of the notices published from now on; it ends when the listener stops iterating it. A listener that
    /// must not lose any (the webhooks, which store each notice at once) passes `.unbounded`.
    func listen(
        keeping policy: AsyncStream<AlertNotice>.Continuation.BufferingPolicy = .bufferingNewest(AlertFeed.backlog)
    ) -> AsyncStream<AlertNotice> {
        let (stream, continuation) = AsyncStream.makeStream(of: AlertNotice.self, bufferingPolicy: policy)
        let id = UUID()
        continuation.onTermination = { [weak self] _ in self?.state.withLock { _ = $0.listeners.removeValue(forKey: id) } }
        state.withLock { $0.listeners[id] = continuation }
        return stream
    }

    /// Publishes what happened to `alerts`, numbering the notices from 1.
    func publish(_ kind: AlertNotice.Kind, _ alerts: [Alert]) {
        guard !alerts.isEmpty else { return }
        state.withLock { state in
            for alert in alerts {
                state.yield(AlertNotice(sequence: state.next, kind: kind, alert: alert))
                state.next += 1
            }
        }
    }

    /// Publishes notices numbered already.
    func publish(_ notices: [AlertNotice]) {
        guard !notices.isEmpty else { return }
        state.withLock { state in notices.forEach { state.yield($0) } }
    }

    /// How many listen now.
    var listenerCount: Int { state.withLock { $0.listeners.count } }
}
