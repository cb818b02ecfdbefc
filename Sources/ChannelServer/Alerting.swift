import ChannelAnalytics
import ChannelCore
import ChannelStore
import Logging
import Synchronization

/// The server's alert evaluations: the rules judged on the engine's snapshot against baselines kept between
/// evaluations, one evaluation at a time, shared by the alert service and `POST /api/v1/alerts/evaluate`.
///
/// Baselines (demand forecasts for the stock rules) take a minute to learn on 10M lines, judging a few hundred
/// milliseconds: the first evaluation learns them; later ones use them and, once the data's day has moved on,
/// relearn them in the background while evaluations go on with the old ones.
final class Alerting: Sendable {
    let store: any AlertStore & RecordStore
    let engine: AnalyticsEngine
    let rules: [AlertRule]
    let clock: @Sendable () -> Instant
    /// Where this server tells the alerts it raised and changed (the webhook service listens; the live-updates streams
    /// follow the history in the database, `AlertHistoryFollower`).
    let feed = AlertFeed()
    private let logger: Logger
    private let baselines = Mutex<RiskBaselines?>(nil)
    private let relearning = Mutex(false)
    private let gate = EvaluationGate()
    /// Who, among the servers on the database, evaluates on schedule; nil: this server alone.
    private let leadership: (any LeadershipStore)?
    private let rounds = Mutex(ScheduledRounds())

    /// - Parameter leadership: decides which of the servers sharing the database runs the scheduled evaluations (the
    ///   store; nil when this server is alone).
    init(
        store: any AlertStore & RecordStore, engine: AnalyticsEngine, rules: [AlertRule], clock: @escaping @Sendable () -> Instant,
        leadership: (any LeadershipStore)? = nil
    ) {
        self.store = store
        self.engine = engine
        self.rules = rules
        self.clock = clock
        self.leadership = leadership
        logger = Logger(label: "qudao.alerts")
    }

    /// Whether this server runs the scheduled evaluations now: it leads them among the servers on the database.
    func leadsScheduledEvaluation() throws -> Bool {
        try leadership?.leads(.alertEvaluation) ?? true
    }

    /// The scheduled rounds this server evaluated and those it left to the server leading them.
    var scheduledRounds: ScheduledRounds { rounds.withLock { $0 } }

    /// Counts a scheduled round, evaluated here or left to another server.
    func countRound(evaluated: Bool) {
        rounds.withLock { rounds in
            if evaluated { rounds.evaluated += 1 } else { rounds.leftToOthers += 1 }
        }
    }

    /// Evaluates the rules on `snapshot` now and records what they find.
    func evaluate(_ snapshot: FactSnapshot) async throws -> AlertEvaluation {
        try await gate.serialize { [self] in
            let kept = try await baselines(for: snapshot)
            let (store, rules, at) = (store, rules, clock())
            let (evaluation, raised) = try await Offload.run {
                try AlertEvaluation.run(rules, on: snapshot, at: at, baselines: kept, store: store)
            }
            feed.publish(.raised, raised)
            return evaluation
        }
    }

    /// The kept baselines, learnt now when there are none; stale ones are relearnt in the background.
    private func baselines(for snapshot: FactSnapshot) async throws -> RiskBaselines {
        if let kept = baselines.withLock({ $0 }) {
            if kept.isStale(for: snapshot) { relearn(from: snapshot) }
            return kept
        }
        let rules = rules
        let learnt = try await Offload.run { try RiskBaselines.learn(for: rules, from: snapshot) }
        baselines.withLock { $0 = learnt }
        return learnt
    }

    private func relearn(from snapshot: FactSnapshot) {
        guard relearning.withLock({ running in
            defer { running = true }
            return !running
        }) else { return }
        let (rules, logger) = (rules, logger)
        Task {
            defer { relearning.withLock { $0 = false } }
            let started = ContinuousClock.now
            do {
                let learnt = try await Offload.run { try RiskBaselines.learn(for: rules, from: snapshot) }
                baselines.withLock { $0 = learnt }
                logger.info(
                    "alert baselines relearnt",
                    metadata: ["sequence": "\(snapshot.sequence)", "ms": "\((ContinuousClock.now - started) / .milliseconds(1))"])
            } catch {
                logger.error("alert baselines could not be relearnt", metadata: ["error": "\(error)"])
            }
        }
    }
}

/// The alert service's rounds on one server.
struct ScheduledRounds: Sendable, Equatable {
    /// Rounds this server evaluated.
    var evaluated = 0
    /// Rounds due while another server led the scheduled evaluations, which this one therefore skipped.
    var leftToOthers = 0
}

/// Runs one evaluation at a time, in the order they arrive.
private actor EvaluationGate {
    private var last: Task<Void, Never>?

    func serialize<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = last
        let task = Task { () async throws -> T in
            await previous?.value
            return try await work()
        }
        last = Task { _ = try? await task.value }
        return try await task.value
    }
}

/// A change people make to an alert, by the last part of its API path.
enum AlertAction: String, CaseIterable, Sendable {
    case ack, resolve, snooze, assign, comment

    var operationID: String {
        switch self {
        case .ack: "acknowledgeAlert"
        case .resolve: "resolveAlert"
        case .snooze: "snoozeAlert"
        case .assign: "assignAlert"
        case .comment: "commentAlert"
        }
    }

    var summary: String {
        switch self {
        case .ack: "Acknowledge an alert"
        case .resolve: "Resolve an alert"
        case .snooze: "Snooze an alert"
        case .assign: "Assign an alert"
        case .comment: "Comment on an alert"
        }
    }
}

extension Alerting {
    /// Applies a person's change to alert `id` (the API's and the alerts page's one way) and tells the listeners.
    func change(_ id: Int64, _ action: AlertAction, _ body: AlertChange, actor: String) throws -> Alert {
        let at = clock()
        let alert: Alert
        switch action {
        case .ack: alert = try store.acknowledge(id, actor: actor, requestID: nil, at: at)
        case .resolve: alert = try store.resolve(id, note: body.note.flatMap { $0.isEmpty ? nil : $0 }, actor: actor, requestID: nil, at: at)
        case .snooze:
            guard let until = body.until, !until.isEmpty else { throw APIError.invalid("the body lacks `until` (an ISO 8601 instant)") }
            let instant: Instant
            do { instant = try Instant(iso8601: until) } catch { throw APIError.invalid("until `\(until)` \(error)") }
            alert = try store.snooze(id, until: instant, actor: actor, requestID: nil, at: at)
        case .assign: alert = try store.assign(id, to: body.userID.flatMap { $0.isEmpty ? nil : UserID($0) }, actor: actor, requestID: nil, at: at)
        case .comment: alert = try store.comment(id, body.text ?? "", actor: actor, requestID: nil, at: at)
        }
        feed.publish(.changed, [alert])
        return alert
    }
}
