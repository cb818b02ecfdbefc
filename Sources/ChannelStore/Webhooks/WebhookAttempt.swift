public import ChannelCore

/// One HTTP request of a delivery, as the delivery log keeps it.
public struct WebhookAttempt: Sendable, Hashable {
    /// How an attempt ended.
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        /// The receiver answered with this HTTP status.
        case status(Int)
        /// No answer: a connection error or a timeout, described for people.
        case failure(String)

        public var description: String {
            switch self {
            case .status(let code): "HTTP \(code)"
            case .failure(let reason): reason
            }
        }
    }

    public var deliveryID: Int64
    /// 1 for the first attempt of a round; a replay starts a new round at 1.
    public var number: Int
    public var outcome: Outcome
    /// When the request started.
    public var startedAt: Instant
    /// How long it took until the response (or the error), in milliseconds.
    public var durationMilliseconds: Int64

    public init(deliveryID: Int64, number: Int, outcome: Outcome, startedAt: Instant, durationMilliseconds: Int64) {
        self.deliveryID = deliveryID
        self.number = number
        self.outcome = outcome
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
    }

    /// Whether the receiver accepted the delivery (a 2xx status).
    public var isSuccess: Bool {
        if case .status(let code) = outcome { (200...299).contains(code) } else { false }
    }
}
