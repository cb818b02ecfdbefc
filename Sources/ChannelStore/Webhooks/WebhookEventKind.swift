public import ChannelCore

/// What a webhook tells its endpoint about; each endpoint subscribes to some of these kinds. The code is sent as the
/// payload's `type` and in the `X-Qudao-Event` header.
public enum WebhookEventKind: String, CodedValue {
    /// The rules raised a new alert.
    case alertRaised = "alert.raised"
    /// Someone acknowledged, assigned, commented on, snoozed or resolved an alert.
    case alertChanged = "alert.changed"
}
