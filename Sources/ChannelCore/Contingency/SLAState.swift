/// Where an SLA clock stands at an instant.
public enum SLAState: String, CodedValue {
    /// Not started: the task waits for its prerequisites.
    case waiting
    /// Started, with at least the due-soon share of its span left.
    case running
    /// Started, with less than the due-soon share of its span left (by default less than 20 %), not yet overdue.
    case dueSoon = "due_soon"
    /// Not done, and the due instant has passed.
    case breached
    /// Done at or before the due instant.
    case met
    /// Done after the due instant.
    case metLate = "met_late"
    /// Skipped: the SLA no longer applies.
    case skipped
}
