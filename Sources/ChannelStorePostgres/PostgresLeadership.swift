import ChannelStore
import Synchronization

/// The leads of a PostgreSQL store (`LeadershipStore`): a session-level advisory lock per duty, on a connection of its
/// own, so that among the servers on one database the one that took the lock keeps it, round after round, as long as
/// its connection lives. A server that stops (or whose connection breaks) releases it with its session, and another
/// takes it at its next question.
final class PostgresLeadership: Sendable {
    /// Per duty: the dedicated session that asks for its lock, and whether it holds it.
    private let seats = Mutex<[StoreDuty: Seat]>([:])

    private struct Seat {
        let session: PostgresSession
        var holdsLock: Bool
    }

    /// The advisory lock of a duty: "qudao-" and two letters, as the writer lock's "qudao-wr".
    static func lockKey(_ duty: StoreDuty) -> Int64 {
        switch duty {
        case .alertEvaluation: 0x7175_6461_6f2d_616c  // "qudao-al"
        case .webhookDelivery: 0x7175_6461_6f2d_7768  // "qudao-wh"
        }
    }

    func leads(_ duty: StoreDuty, pool: PostgresConnectionPool) throws -> Bool {
        try seats.withLock { seats in
            var seat = try seats.removeValue(forKey: duty) ?? Seat(session: pool.dedicatedSession(), holdsLock: false)
            do {
                if seat.holdsLock {
                    // Still the leader while the connection that holds the lock lives.
                    _ = try seat.session.query("SELECT 1", context: "checking the lead of \(duty.rawValue)")
                } else {
                    seat.holdsLock =
                        try seat.session.query(
                            "SELECT pg_try_advisory_lock($1)", [.integer(Self.lockKey(duty))], context: "asking for the lead of \(duty.rawValue)"
                        ).first?.flag(at: 0) == true
                }
            } catch {
                // A broken connection has lost its lock too; the next question starts on a new one.
                pool.close(dedicated: seat.session)
                throw error
            }
            let leads = seat.holdsLock
            seats[duty] = seat
            return leads
        }
    }

    func resign(_ duty: StoreDuty, pool: PostgresConnectionPool) {
        seats.withLock { seats in
            guard let seat = seats.removeValue(forKey: duty) else { return }
            // Closing the session releases the lock with it; unlocking first frees it at once.
            if seat.holdsLock {
                try? seat.session.run(
                    "SELECT pg_advisory_unlock($1)", [.integer(Self.lockKey(duty))], context: "giving up the lead of \(duty.rawValue)")
            }
            pool.close(dedicated: seat.session)
        }
    }

    /// Resigns every duty (the store closes).
    func resignAll(pool: PostgresConnectionPool) {
        for duty in StoreDuty.allCases { resign(duty, pool: pool) }
    }
}
