import Testing

@testable import ChannelCore

@Suite struct CompensationTests {
    /// Deliver within 48 h, 2 h grace, ¥50 per started hour.
    static func hourly() throws -> CompensationTerms {
        try CompensationTerms(
            target: .hours(48), grace: .hours(2), lateRate: LatenessRate(amount: PlanFixture.yuan(50), per: .hour))
    }

    @Test func ratePerStartedHourAfterGrace() throws {
        // Done 75 h after the start: 27 h late, 25 h after the 2 h grace, × ¥50 = ¥1,250.00.
        let owed = try #require(try Self.hourly().owed(from: PlanFixture.t0, until: PlanFixture.hours(75)))
        #expect(owed.total == PlanFixture.yuan(1_250))
        #expect(owed.dueAt == PlanFixture.hours(48))
        #expect(owed.latenessMilliseconds == 27 * 3_600_000)
        #expect(owed.chargeableMilliseconds == 25 * 3_600_000)
        #expect(owed.parts.count == 1)
        #expect(owed.parts[0].kind == .lateRate)
        #expect(owed.parts[0].explanation == "迟到 27 小时（宽限 2 小时后计 25 小时）× ¥50.00/小时 = ¥1,250.00")
        #expect(owed.parts[0].explanationEn == "27 h late (25 h counted after 2 h grace) × ¥50.00/h = ¥1,250.00")
    }

    /// (lateness in ms after the due instant, started hours charged after the 2 h grace).
    static let startedHourCases: [(Int64, Int64?)] = [
        (2 * 3_600_000, nil),  // late exactly by the grace: nothing owed
        (2 * 3_600_000 + 1, 1),  // 1 ms past the grace is a started hour
        (3 * 3_600_000, 1),
        (3 * 3_600_000 + 1, 2),
        (27 * 3_600_000 + 1_000, 26),  // 25 h 1 s after grace: 26 started hours
    ]

    @Test(arguments: startedHourCases)
    func startedHoursRoundUp(lateness: Int64, hours: Int64?) throws {
        let owed = try Self.hourly().owed(from: PlanFixture.t0, until: PlanFixture.hours(48).adding(milliseconds: lateness))
        #expect(owed?.total == hours.map { PlanFixture.yuan(50 * $0) })
    }

    @Test func onTimeOwesNothing() throws {
        let terms = try CompensationTerms(target: .hours(48), perBreach: PlanFixture.yuan(200))
        #expect(try terms.owed(from: PlanFixture.t0, until: PlanFixture.hours(48)) == nil)
        #expect(try terms.owed(from: PlanFixture.t0, until: PlanFixture.hours(3)) == nil)
        let late = try #require(try terms.owed(from: PlanFixture.t0, until: PlanFixture.hours(48).adding(milliseconds: 1)))
        #expect(late.total == PlanFixture.yuan(200))
        #expect(late.parts.map(\.kind) == [.perBreach])
        #expect(late.parts[0].explanation == "超出 SLA（目标 48 小时），每次违约固定赔付 ¥200.00")
    }

    @Test func ratePerStartedDayWithoutGrace() throws {
        let terms = try CompensationTerms(
            target: .hours(4), lateRate: LatenessRate(amount: PlanFixture.yuan(500), per: .day))
        let oneDay = try #require(try terms.owed(from: PlanFixture.t0, until: PlanFixture.hours(28)))
        #expect(oneDay.total == PlanFixture.yuan(500))
        #expect(oneDay.parts[0].explanation == "迟到 1 天 × ¥500.00/天 = ¥500.00")
        let twoDays = try #require(try terms.owed(from: PlanFixture.t0, until: PlanFixture.at(hours: 28, seconds: 1)))
        #expect(twoDays.total == PlanFixture.yuan(1_000))
        #expect(twoDays.parts[0].explanation == "迟到 1 天 1 秒（不足一天按一天，计 2 天）× ¥500.00/天 = ¥1,000.00")
        #expect(
            twoDays.parts[0].explanationEn == "1 d 1 s late (started days count in full: 2 d) × ¥500.00/d = ¥1,000.00")
    }

    @Test func orderValueShareIsRoundedHalfUpOnce() throws {
        // ¥12,345.67 × 0.50 %/day × 3 started days = 18,518.505 fen → 18,519 fen.
        let terms = try CompensationTerms(target: .hours(48), orderValueBasisPointsPerDay: 50)
        let owed = try #require(
            try terms.owed(from: PlanFixture.t0, until: PlanFixture.hours(48 + 49), orderValue: PlanFixture.fen(1_234_567)))
        #expect(owed.total == PlanFixture.fen(18_519))
        #expect(owed.parts[0].kind == .orderValue)
        #expect(owed.parts[0].explanation == "订单金额 ¥12,345.67 × 0.50%/天 × 3 天 = ¥185.19（四舍五入到分）")
        #expect(
            owed.parts[0].explanationEn
                == "Order value ¥12,345.67 × 0.50% per day × 3 started days = ¥185.19 (rounded half-up to the fen)")
    }

    /// (order value in fen, expected fen for 1 bp × 1 day): exact halves go up, not to even.
    static let halfUpCases: [(Int64, Int64)] = [
        (5_000, 1),  // 0.5 fen → 1
        (4_999, 0),  // 0.4999 fen → 0
        (15_000, 2),  // 1.5 → 2
        (25_000, 3),  // 2.5 → 3 (banker's rounding would give 2)
        (35_000, 4),  // 3.5 → 4
        (10_000, 1),  // exact
    ]

    @Test(arguments: halfUpCases)
    func halfUpRounding(orderFen: Int64, expectedFen: Int64) throws {
        let terms = try CompensationTerms(target: .hours(1), orderValueBasisPointsPerDay: 1)
        let owed = try terms.owed(from: PlanFixture.t0, until: PlanFixture.hours(2), orderValue: PlanFixture.fen(orderFen))
        #expect(owed?.total == PlanFixture.fen(expectedFen))
    }

    @Test func roundedHalfUpHelper() {
        #expect(CompensationTerms.roundedHalfUp(125, dividedBy: 10) == 13)
        #expect(CompensationTerms.roundedHalfUp(124, dividedBy: 10) == 12)
        #expect(CompensationTerms.roundedHalfUp(120, dividedBy: 10) == 12)
        #expect(CompensationTerms.roundedHalfUp(-125, dividedBy: 10) == -13)
    }

    /// Late delivery terms: 48 h, 2 h grace, ¥50/started hour, 0.5 %/started day, capped at ¥5,000 and 10 %.
    static func capped() throws -> CompensationTerms {
        try CompensationTerms(
            target: .hours(48), grace: .hours(2), lateRate: LatenessRate(amount: PlanFixture.yuan(50), per: .hour),
            orderValueBasisPointsPerDay: 50, maximumAmount: PlanFixture.yuan(5_000), maximumOrderValueBasisPoints: 1_000)
    }

    @Test func percentageCapIsTheLowerCap() throws {
        // 100 h late, 98 h after grace: 98 × ¥50 = ¥4,900; 5 started days × 0.5 % × ¥8,000 = ¥200; sum ¥5,100.
        // Caps: ¥5,000 and 10 % × ¥8,000 = ¥800 → ¥800, a cut of ¥4,300.
        let owed = try #require(
            try Self.capped().owed(from: PlanFixture.t0, until: PlanFixture.hours(148), orderValue: PlanFixture.yuan(8_000)))
        #expect(owed.parts.map(\.kind) == [.lateRate, .orderValue, .cap])
        #expect(owed.parts.map(\.amount) == [PlanFixture.yuan(4_900), PlanFixture.yuan(200), PlanFixture.yuan(-4_300)])
        #expect(owed.total == PlanFixture.yuan(800))
        #expect(
            owed.parts[2].explanation
                == "按上限 ¥800.00 封顶（赔付上限 ¥5,000.00；订单金额 ¥8,000.00 的 10.00% = ¥800.00，取较低者），核减 ¥4,300.00")
        #expect(owed.summaryEn.hasSuffix("; total ¥800.00"))
    }

    @Test func amountCapWhenTheOrderIsLarge() throws {
        // Same lateness, order ¥100,000: ¥4,900 + 5 × 0.5 % × ¥100,000 = ¥7,400; caps ¥5,000 and ¥10,000 → ¥5,000.
        let owed = try #require(
            try Self.capped().owed(from: PlanFixture.t0, until: PlanFixture.hours(148), orderValue: PlanFixture.yuan(100_000)))
        #expect(owed.total == PlanFixture.yuan(5_000))
        #expect(owed.parts.last?.amount == PlanFixture.yuan(-2_400))
    }

    @Test func noCapPartBelowTheCaps() throws {
        // 27 h late: 25 × ¥50 = ¥1,250; 2 started days × 0.5 % × ¥100,000 = ¥1,000; ¥2,250 is under both caps.
        let owed = try #require(
            try Self.capped().owed(from: PlanFixture.t0, until: PlanFixture.hours(75), orderValue: PlanFixture.yuan(100_000)))
        #expect(owed.parts.map(\.kind) == [.lateRate, .orderValue])
        #expect(owed.total == PlanFixture.yuan(2_250))
    }

    @Test func allPartsAddUp() throws {
        let terms = try CompensationTerms(
            target: .hours(24), grace: .minutes(30), perBreach: PlanFixture.yuan(100),
            lateRate: LatenessRate(amount: PlanFixture.fen(1_999), per: .hour), orderValueBasisPointsPerDay: 25)
        // 10 h late, 9 h 30 min after grace: 10 started hours × ¥19.99 = ¥199.90; 1 day × 0.25 % × ¥999.99 = 249.9975
        // fen → 250 fen. Total ¥100 + ¥199.90 + ¥2.50 = ¥302.40.
        let owed = try #require(
            try terms.owed(from: PlanFixture.t0, until: PlanFixture.hours(34), orderValue: PlanFixture.fen(99_999)))
        #expect(owed.parts.map(\.amount) == [PlanFixture.yuan(100), PlanFixture.fen(19_990), PlanFixture.fen(250)])
        #expect(owed.total == PlanFixture.fen(30_240))
        #expect(owed.parts[1].explanation == "迟到 10 小时（宽限 30 分钟后计 10 小时）× ¥19.99/小时 = ¥199.90")
    }

    @Test func currencyMismatchIsRefused() throws {
        let usd = try PlanFixture.usd()
        #expect(throws: CompensationError.currencyMismatch(terms: .cny, given: usd)) {
            try Self.hourly().owed(
                from: PlanFixture.t0, until: PlanFixture.hours(75), orderValue: Money(minorUnits: 1, currency: usd))
        }
        #expect(
            CompensationError.currencyMismatch(terms: .cny, given: usd).description
                == "the order value is in USD but the compensation terms are in CNY; convert it to CNY first")
    }

    @Test func orderValueNeededAndNotNegative() throws {
        #expect(throws: CompensationError.orderValueRequired) {
            try Self.capped().owed(from: PlanFixture.t0, until: PlanFixture.hours(75))
        }
        #expect(throws: CompensationError.negativeOrderValue(PlanFixture.yuan(-1))) {
            try Self.capped().owed(from: PlanFixture.t0, until: PlanFixture.hours(75), orderValue: PlanFixture.yuan(-1))
        }
    }

    @Test func inconsistentTermsAreRefused() throws {
        let usd = try PlanFixture.usd()
        #expect(throws: CompensationError.self) {
            try CompensationTerms(target: .hours(4), perBreach: Money(minorUnits: 100, currency: usd))
        }
        #expect(throws: CompensationError.self) { try CompensationTerms(target: .hours(4)) }
        #expect(throws: CompensationError.self) {
            try CompensationTerms(target: .hours(4), orderValueBasisPointsPerDay: 10_001)
        }
        #expect(throws: CompensationError.self) {
            try CompensationTerms(target: RuleDuration(seconds: 0), perBreach: PlanFixture.yuan(1))
        }
    }

    @Test func termsInAnotherCurrencyWork() throws {
        let usd = try PlanFixture.usd()
        let terms = try CompensationTerms(
            currency: usd, target: .hours(1),
            lateRate: LatenessRate(amount: Money(minorUnits: 1_000, currency: usd), per: .hour))
        let owed = try #require(try terms.owed(from: PlanFixture.t0, until: PlanFixture.hours(3)))
        #expect(owed.total == Money(minorUnits: 2_000, currency: usd))
        #expect(owed.parts[0].explanationEn == "2 h late × US$10.00/h = US$20.00")
    }
}
