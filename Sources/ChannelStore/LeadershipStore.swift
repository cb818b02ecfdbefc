/// Work that the servers sharing one database must not do twice, such as the scheduled alert evaluation (two servers
/// evaluating the same data would count every finding twice).
public enum StoreDuty: String, Sendable, CaseIterable {
    /// The alert rules evaluated on the server's own schedule (not an evaluation a caller asks for).
    case alertEvaluation = "alert-evaluation"
    /// Sending the pending webhook deliveries (two servers sending the same delivery would send it twice).
    case webhookDelivery = "webhook-delivery"
}

/// Which of the servers sharing a database is in charge of a duty: one at a time.
public protocol LeadershipStore: Sendable {
    /// Whether this store leads `duty` now. A store takes the lead when no other holds it and keeps it until it resigns,
    /// closes, or its process ends; every other store on the same database answers false meanwhile, and may take the
    /// lead at a later question once it is free. A backend that one process owns alone (SQLite) always leads.
    /// - Throws: `StoreError` `.unavailable` when the database cannot be asked; the caller should not do the work then.
    func leads(_ duty: StoreDuty) throws -> Bool

    /// Gives up the lead of `duty`, if held, so that another store can take it.
    func resign(_ duty: StoreDuty)
}
