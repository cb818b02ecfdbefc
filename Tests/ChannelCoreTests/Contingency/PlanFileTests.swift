import Foundation
import Testing

@testable import ChannelCore

@Suite struct PlanFileTests {
    static let valid = """
        plans:
          - id: stock-out-east
            title: 华东缺货预案
            title_en: East China stock-out
            risk_types: [stock_out, supplier_failure]
            steps:
              - {key: confirm, title: 确认缺口, owner: planner, sla: 4h}
              - {key: order, title: 下单, owner: "user:li.wei", sla: 8h, after: [confirm]}
            backup_suppliers:
              - {code: SUP-A, name: 甲厂, rank: 2, capacity_per_day: 1_000, lead_time: 0h, unit_cost: 38.5, skus: [SKU00001]}
              - {code: SUP-B, name: 乙厂, rank: 1, capacity_per_day: 200, lead_time: 2d, unit_cost: "40.00", currency: CNY}
            temporary_warehouses:
              - {code: TMP-SH, name: 上海临时仓, city: 上海, capacity: 5000, lead_time: 1d, cost_per_day: 800}
            compensation: {target: 48h, grace: 2h, per_started_hour: 50, max_order_value_bp: 1000}
        """

    @Test func readsEveryPart() throws {
        let plans = try ContingencyPlanFile.parse(Self.valid)
        let plan = try #require(plans.first)
        #expect(plans.count == 1)
        #expect(plan.id == "stock-out-east")
        #expect(plan.riskTypes == [.stockOut, .supplierFailure])
        #expect(
            plan.steps[1]
                == PlanStep(
                    key: "order", title: "下单", owner: .user(UserID("li.wei")), sla: .hours(8), after: ["confirm"]))
        #expect(
            plan.backupSuppliers[0]
                == BackupSupplier(
                    code: SupplierCode("SUP-A"), name: "甲厂", rank: 2, capacityPerDay: 1_000,
                    leadTime: RuleDuration(seconds: 0), unitCost: PlanFixture.fen(3_850), skus: [SKU("SKU00001")]))
        #expect(plan.backupSuppliers[1].unitCost == PlanFixture.yuan(40))
        #expect(
            plan.temporaryWarehouses
                == [
                    TemporaryWarehouse(
                        code: LocationID("TMP-SH"), name: "上海临时仓", city: "上海", capacity: 5_000, leadTime: .days(1),
                        costPerDay: PlanFixture.yuan(800))
                ])
        #expect(
            plan.compensation
                == (try CompensationTerms(
                    target: .hours(48), grace: .hours(2), lateRate: LatenessRate(amount: PlanFixture.yuan(50), per: .hour),
                    maximumOrderValueBasisPoints: 1_000)))
    }

    /// One file with many mistakes: every one is reported, with its path and line:column.
    static let broken = """
        plans:
          - id: stock-out-a
            title: 缺货
            risk_types: [stock_out]
            steps:
              - {key: confirm, title: 确认, owner: planner, slaa: 4h}
              - {key: order, title: 下单, owner: plannr, sla: 4, after: [confrim]}
          - id: stock-out-a
            title: 另一个
            risk_types: [stockout]
            steps:
              - {key: a, title: 甲, owner: "user:li.wei", sla: 1h, after: [b]}
              - {key: b, title: 乙, owner: logistics, sla: 1h, after: [a]}
            backup_suppliers:
              - {code: S1, name: 一号, rank: 1, capacity_per_day: 0, lead_time: 2d, unit_cost: 38.505}
              - {code: S2, name: 二号, rank: 1, capacity_per_day: 100, lead_time: 2d, unit_cost: 40, currency: USD}
            compensation: {target: 48h, per_started_hour: 50, per_started_day: 500, max_order_value_bp: 20000}
        """

    /// (path, text the issue points at, its occurrence, the start of the message).
    static let expected: [(String, String, Int, String)] = [
        ("plans[0].steps[0].sla", "{key: confirm", 1, "missing required key `sla`, e.g. sla: 4h"),
        ("plans[0].steps[0].slaa", "slaa", 1, "unknown key `slaa` (did you mean `sla`?)"),
        ("plans[0].steps[1].owner", "plannr", 1, "`plannr` is not an owner (did you mean `planner`?); use a role ("),
        ("plans[0].steps[1].sla", "4, after", 1, "`4` has no unit; write e.g. 4d, 4h or 4m"),
        (
            "plans[0].steps[1].after[0]", "confrim", 1,
            "`confrim` is not a step of this plan (did you mean `confirm`?); its steps are confirm, order"
        ),
        ("plans[1].id", "stock-out-a", 2, "duplicate id `stock-out-a`; plans[0] at 2:9 has it already"),
        ("plans[1].risk_types[0]", "stockout", 1, "`stockout` is not a risk type (did you mean `stock_out`?)"),
        ("plans[1].steps[0].after[0]", "b]}", 1, "steps wait for each other in a cycle: a → b → a"),
        ("plans[1].backup_suppliers[0].capacity_per_day", "0, lead", 1, "0 is too small; give the units"),
        ("plans[1].backup_suppliers[0].unit_cost", "38.505", 1, "`38.505` has more than 2 decimal places for CNY"),
        (
            "plans[1].backup_suppliers[1].rank", "1, capacity_per_day: 100", 1,
            "duplicate rank `1`; plans[1].backup_suppliers[0] at 15:36 has it already"
        ),
        (
            "plans[1].backup_suppliers[1].currency", "USD", 1,
            "amounts here are in USD, but plans[1].backup_suppliers[0] is in CNY; every amount of a plan is in one currency"
        ),
        (
            "plans[1].compensation.per_started_day", "500", 1,
            "give either per_started_hour or per_started_day, not both"
        ),
        ("plans[1].compensation.max_order_value_bp", "20000", 1, "20000 is out of range; basis points are 1 to 10000"),
    ]

    @Test func reportsEveryIssueWithPathAndPosition() throws {
        let issues = planIssues(of: Self.broken)
        #expect(issues.count == Self.expected.count, "\(RuleIssues(issues))")
        for (path, at, occurrence, message) in Self.expected {
            let position = try #require(textPosition(of: at, occurrence: occurrence, in: Self.broken))
            let issue = issues.first { $0.path.description == path }
            #expect(issue?.position == position, "\(path)")
            #expect(issue?.message.hasPrefix(message) == true, "\(path): \(issue?.message ?? "no issue") ≠ \(message)")
        }
        // Issues are in file order, and the report names the file, line and column.
        #expect(issues.map(\.position) == issues.map(\.position).sorted())
        #expect(
            RuleIssues(issues).report(file: "plans.yaml").split(separator: "\n").dropFirst().first
                == "plans.yaml:6:51: plans[0].steps[0].slaa: unknown key `slaa` (did you mean `sla`?)")
    }

    @Test func readsJSONAndReportsItsPositions() throws {
        let json = """
            {"plans": [{"id": "fraud-a", "title": "欺诈", "risk_types": ["fraud"],
              "steps": [{"key": "hold", "title": "冻结", "owner": "risk_control", "sla": "1h", "afterr": []}]}]}
            """
        let issues = planIssues(of: json)
        #expect(issues.count == 1)
        #expect(issues.first?.path.description == "plans[0].steps[0].afterr")
        #expect(issues.first?.position == textPosition(of: "\"afterr\"", in: json))
        #expect(issues.first?.message == "unknown key `afterr` (did you mean `after`?)")
    }

    @Test func refusesRiskTypesOutsideTheCatalogue() {
        var catalogue = RuleCatalogue.standard
        catalogue.riskTypes = [.fraud]
        let issues = planIssues(of: Self.valid, catalogue: catalogue)
        #expect(issues.map(\.path.description) == ["plans[0].risk_types[0]", "plans[0].risk_types[1]"])
        #expect(issues.first?.message == "`stock_out` is not a risk type; use one of fraud")
    }

    @Test func stepMistakes() {
        let issues = planIssues(
            of: """
                - id: p
                  title: 预案
                  risk_types: [fraud]
                  steps:
                    - {key: a, title: 甲, owner: risk_control, sla: 1h, after: [a]}
                    - {key: a, title: 乙, owner: "user:", sla: 0h, depends_on: [a]}
                """)
        #expect(
            issues.map { "\($0.path): \($0.message)" } == [
                "plans[0].steps[0].after[0]: a step cannot wait for itself",
                "plans[0].steps[1].key: duplicate step key `a`; plans[0].steps[0] at 5:13 has it already, and step keys must be unique within a plan",
                "plans[0].steps[1].owner: `user:` names no user: the user id after `user:` is empty; write e.g. user:li.wei",
                "plans[0].steps[1].sla: `0h` is zero; a duration must be more than 0",
                "plans[0].steps[1].depends_on: unknown key `depends_on`; prerequisites are written `after: [step-key, ...]`",
            ])
    }

    @Test func planLevelMistakes() {
        let issues = planIssues(
            of: """
                plans:
                  - id: Stock Out
                    title: 预案
                    risk_type: [stock_out]
                    owner: planner
                    steps: []
                    compensation: {target: 48h, max_amount: 100}
                """)
        #expect(
            issues.map { "\($0.position) \($0.path): \($0.message)" } == [
                "2:5 plans[0].risk_types: missing required key `risk_types`, e.g. risk_types: [stock_out]",
                "2:9 plans[0].id: `Stock Out` is not a slug; use lower-case letters and digits, words joined by - or _, e.g. stock-out-standard",
                "4:5 plans[0].risk_type: unknown key `risk_type` (did you mean `risk_types`?)",
                "5:5 plans[0].owner: unknown key `owner`; `owner` belongs to a step; steps go under `steps:`",
                "6:12 plans[0].steps: is an empty list; a plan needs at least one step",
                "7:19 plans[0].compensation: nothing is owed; give at least one of per_breach, per_started_hour, per_started_day, order_value_bp_per_day",
            ])
    }

    @Test func syntaxErrorsEmptyFilesAndBytes() throws {
        let syntax = planIssues(of: "plans:\n  - id: a\n    title: [unclosed\n")
        #expect(syntax.count == 1)
        #expect(syntax.first?.message.hasPrefix("not valid YAML") == true)
        #expect(planIssues(of: "# nothing\n").first?.message.hasPrefix("the file has no plans") == true)
        #expect(throws: RuleIssues.self) { try ContingencyPlanFile.parse(Data([0x70, 0x6C, 0xFF])) }
        let plans = try ContingencyPlanFile.parse(Data(Self.valid.utf8))
        #expect(plans.count == 1)
        #expect(try ContingencyPlanFile.parse("plans: []").isEmpty)
    }

    @Test func onePlanOnItsOwn() throws {
        let plan = try ContingencyPlanFile.parsePlan(
            "{id: p, title: 预案, risk_types: [fraud], steps: [{key: a, title: 甲, owner: risk_control, sla: 1h}]}")
        #expect(plan.steps.count == 1)
        do {
            _ = try ContingencyPlanFile.parsePlan("{id: p, title: 预案, risk_types: [fraud], steps: [{key: a}]}")
            Issue.record("expected issues")
        } catch {
            #expect(error.issues.map(\.path.description) == ["steps[0].title", "steps[0].owner", "steps[0].sla"])
        }
    }

    @Test func standaloneCompensationTerms() throws {
        let terms = try ContingencyPlanFile.parseCompensation(
            """
            # Partner contract: first response within 4 hours.
            currency: CNY
            target: 4h
            per_breach: 20
            per_started_hour: 10.5
            max_amount: 200
            """)
        #expect(terms.perBreach == PlanFixture.yuan(20))
        #expect(terms.lateRate == LatenessRate(amount: PlanFixture.fen(1_050), per: .hour))
        #expect(try terms.owed(from: PlanFixture.t0, until: PlanFixture.hours(7))?.total == PlanFixture.fen(5_150))
        do {
            _ = try ContingencyPlanFile.parseCompensation("{target: 4h, per_breach: ¥20, currency: RMB1, cap: 5}")
            Issue.record("expected issues")
        } catch {
            #expect(
                error.issues.map { "\($0.path): \($0.message)" } == [
                    "currency: `RMB1` is not a three-letter ISO 4217 currency code, e.g. CNY",
                    "cap: unknown key `cap`; write caps as `max_amount` and/or `max_order_value_bp`",
                ])
        }
        do {
            _ = try ContingencyPlanFile.parseCompensation("{target: 4h, per_breach: ¥20, per_started_day: -5}")
            Issue.record("expected issues")
        } catch {
            #expect(
                error.issues.map { "\($0.path): \($0.message)" } == [
                    "per_breach: `¥20` is not a decimal number; write a plain amount in CNY such as 200, without a currency sign or thousands separators",
                    "per_started_day: `-5` is negative; an amount is 0 or more",
                ])
        }
    }
}

@Suite struct PlansDocumentTests {
    /// The example plans file in docs/CONTINGENCY.md must stay valid.
    @Test func theDocumentedExampleParses() throws {
        let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/CONTINGENCY.md")
        let text = try String(contentsOf: document, encoding: .utf8)
        let start = try #require(text.range(of: "```yaml\n"))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let plans = try ContingencyPlanFile.parse(String(text[start.upperBound..<end.lowerBound]))
        #expect(plans.map(\.id) == ["stock-out-east"])
        #expect(plans.first?.steps.last?.owner == .user(UserID("wang.fang")))
    }
}
