import Testing
import ChannelNotify

@Suite struct RetryPolicyTests {
    @Test func defaults() {
        let policy = RetryPolicy()
        #expect(policy.baseDelay == .seconds(1))
        #expect(policy.factor == 2)
        #expect(policy.maxDelay == .seconds(300))
        #expect(policy.maxAttempts == 8)
    }

    @Test func ceilingGrowsExponentiallyUpToTheCap() {
        let policy = RetryPolicy(baseDelay: .seconds(1), factor: 2, maxDelay: .seconds(60))
        let ceilings = (1...9).map { policy.ceiling(afterAttempt: $0) }
        #expect(ceilings == [1, 2, 4, 8, 16, 32, 60, 60, 60].map { Duration.seconds($0) })
        #expect(policy.ceiling(afterAttempt: 10_000) == .seconds(60))
    }

    @Test func fullJitterScalesTheCeiling() {
        let policy = RetryPolicy(baseDelay: .seconds(1), factor: 2, jitter: .init { 0.25 })
        #expect(policy.delay(afterAttempt: 1) == .milliseconds(250))
        #expect(policy.delay(afterAttempt: 3) == .seconds(1))
        #expect(RetryPolicy(jitter: .none).delay(afterAttempt: 3) == .seconds(4))
        #expect(RetryPolicy(jitter: .init { 7 }).delay(afterAttempt: 1) == .seconds(1))
    }

    @Test func randomJitterStaysWithinTheCeiling() {
        let policy = RetryPolicy()
        for attempt in 1...12 {
            let delay = policy.delay(afterAttempt: attempt)
            #expect(delay >= .zero && delay <= policy.ceiling(afterAttempt: attempt))
        }
    }

    @Test func retryAfterReplacesTheBackoffUpToTheCap() {
        let policy = RetryPolicy(maxDelay: .seconds(300), jitter: .none)
        #expect(policy.delay(afterAttempt: 5, retryAfter: .seconds(7)) == .seconds(7))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3600)) == .seconds(300))
    }

    @Test(arguments: [
        (408, true), (429, true), (500, true), (503, true), (599, true), (400, false), (401, false),
        (404, false), (410, false), (422, false), (301, false), (200, false),
    ])
    func retryableStatuses(code: Int, isRetryable: Bool) {
        #expect(RetryPolicy.isRetryable(statusCode: code) == isRetryable)
    }
}
