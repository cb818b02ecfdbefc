import Foundation
import Synchronization

/// Token buckets per caller: `rate` requests a second on average, bursts up to `burst`. In memory, per server
/// (behind a load balancer each server limits its own share).
public final class RateLimiter: Sendable {
    public struct Limit: Sendable, Hashable {
        public var rate: Double
        public var burst: Double

        public init(rate: Double, burst: Double) {
            self.rate = rate
            self.burst = burst
        }
    }

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let limit: Limit
    private let buckets = Mutex<[String: Bucket]>([:])
    private let now: @Sendable () -> Double

    /// - Parameter now: seconds on a monotonic clock (injected by tests).
    public init(_ limit: Limit, now: (@Sendable () -> Double)? = nil) {
        self.limit = limit
        self.now = now ?? { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    }

    /// Takes one token for `key`; nil when allowed, else the seconds to wait before the next request may pass.
    public func take(_ key: String) -> Double? {
        let time = now()
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: limit.burst, updated: time)
            bucket.tokens = min(limit.burst, bucket.tokens + (time - bucket.updated) * limit.rate)
            bucket.updated = time
            defer {
                buckets[key] = bucket
                // Forget callers that have been idle long enough to be full again, so the map stays small.
                if buckets.count > 10_000 {
                    buckets = buckets.filter { time - $0.value.updated < limit.burst / limit.rate }
                }
            }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / limit.rate }
            bucket.tokens -= 1
            return nil
        }
    }
}

/// Failed sign-ins per account and address: after `allowed` failures in a row each further attempt waits twice as
/// long as the one before (5 s, 10 s, 20 s, ... up to 15 minutes); a success clears the record.
public final class LoginThrottle: Sendable {
    private struct Record {
        var failures: Int
        var blockedUntil: Double
    }

    private let allowed: Int
    private let records = Mutex<[String: Record]>([:])
    private let now: @Sendable () -> Double

    public init(allowed: Int = 5, now: (@Sendable () -> Double)? = nil) {
        self.allowed = allowed
        self.now = now ?? { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    }

    /// Seconds to wait before `key` may try again; nil when it may try now.
    public func wait(_ key: String) -> Double? {
        let time = now()
        return records.withLock { records in
            guard let record = records[key], record.blockedUntil > time else { return nil }
            return record.blockedUntil - time
        }
    }

    public func failed(_ key: String) {
        let time = now()
        records.withLock { records in
            var record = records[key] ?? Record(failures: 0, blockedUntil: 0)
            record.failures += 1
            if record.failures > allowed {
                record.blockedUntil = time + min(900, 5 * pow(2, Double(record.failures - allowed - 1)))
            }
            records[key] = record
        }
    }

    public func succeeded(_ key: String) {
        _ = records.withLock { $0.removeValue(forKey: key) }
    }
}
