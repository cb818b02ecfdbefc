import Testing

@testable import ChannelCore

@Suite struct SLAClockTests {
    /// Started at t0, due 10 h later: 20 % of the span is 2 h.
    static let clock = SLAClock(startedAt: PlanFixture.t0, dueAt: PlanFixture.hours(10))

    /// (now, state, remaining seconds, overdue seconds).
    static let openCases: [(Instant, SLAState, Int64?, Int64?)] = [
        (PlanFixture.t0, .running, 36_000, nil),
        (PlanFixture.hours(8), .running, 7_200, nil),  // exactly 20 % left: still running
        (PlanFixture.at(hours: 8, milliseconds: 1), .dueSoon, 7_199, nil),  // just under 20 %
        (PlanFixture.at(hours: 9, minutes: 59, seconds: 59, milliseconds: 500), .dueSoon, 0, nil),
        (PlanFixture.hours(10), .dueSoon, 0, nil),  // the due instant itself is on time
        (PlanFixture.at(hours: 10, milliseconds: 1), .breached, nil, 1),  // a part of a second overdue counts as one
        (PlanFixture.at(hours: 11, minutes: 30), .breached, nil, 5_400),
    ]

    @Test(arguments: openCases)
    func openClock(now: Instant, state: SLAState, remaining: Int64?, overdue: Int64?) {
        let reading = Self.clock.reading(at: now)
        #expect(reading == SLAReading(state: state, remainingSeconds: remaining, overdueSeconds: overdue))
    }

    @Test func doneClocks() {
        var clock = Self.clock
        clock.completedAt = PlanFixture.hours(10)
        #expect(clock.reading(at: PlanFixture.hours(50)) == SLAReading(state: .met, remainingSeconds: 0))
        clock.completedAt = PlanFixture.hours(7)
        #expect(clock.reading(at: PlanFixture.hours(50)) == SLAReading(state: .met, remainingSeconds: 10_800))
        clock.completedAt = PlanFixture.at(hours: 10, seconds: 1)
        #expect(clock.reading(at: PlanFixture.hours(1)) == SLAReading(state: .metLate, overdueSeconds: 1))
    }

    @Test func waitingAndSkipped() {
        #expect(SLAClock(startedAt: nil, dueAt: nil).reading(at: PlanFixture.hours(99)).state == .waiting)
        let skipped = SLAClock(startedAt: nil, dueAt: nil, completedAt: PlanFixture.hours(1), isSkipped: true)
        #expect(skipped.reading(at: PlanFixture.hours(99)).state == .skipped)
        let task = PlanTask(stepKey: "a", title: "甲", owner: .role(.planner), sla: .hours(4))
        #expect(task.clock.reading(at: PlanFixture.t0).state == .waiting)
    }

    @Test func dueSoonShareIsAParameter() {
        #expect(Self.clock.reading(at: PlanFixture.hours(5), dueSoonPercent: 50).state == .running)
        #expect(Self.clock.reading(at: PlanFixture.at(hours: 5, milliseconds: 1), dueSoonPercent: 50).state == .dueSoon)
        #expect(Self.clock.reading(at: PlanFixture.hours(10), dueSoonPercent: 0).state == .running)
        #expect(Self.clock.reading(at: PlanFixture.t0, dueSoonPercent: 100).state == .running)
        #expect(Self.clock.reading(at: PlanFixture.at(milliseconds: 1), dueSoonPercent: 100).state == .dueSoon)
    }
}
