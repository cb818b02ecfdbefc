import ChannelCore
import ChannelStoreSQLite
import Testing

@testable import ChannelAnalytics

/// Each rule kind on the demo snapshot at the end of its data, firing and not firing.
@Suite struct RuleEvaluatorTests {
    let snapshot: FactSnapshot
    let store: SQLiteChannelStore

    init() throws {
        snapshot = try AnalyticsFixture.snapshot.get()
        store = try AnalyticsFixture.shared.get().store()
    }

    func findings(_ yaml: String) throws -> [AlertFinding] {
        let rules = try AlertRuleFile.parse(yaml)
        let store = store
        return try RuleEvaluator().evaluate(rules, on: snapshot, at: AnalyticsFixture.asOf) { try store.orderIDs(rowIDs: $0) }
    }

    func rule(_ id: String, _ condition: String, enabled: Bool = true) -> String {
        """
        - id: \(id)
          name: 测试
          severity: warning
          risk_type: late_delivery
          enabled: \(enabled)
          condition: \(condition)
        """
    }

    @Test func measureThresholdsFireForTheGroupsBeyondThem() throws {
        let all = try findings(rule("all", #"{kind: measure, measure: on_time_rate, by: [province], window: 28d, op: "<=", threshold: 1}"#))
        #expect(!all.isEmpty && all.allSatisfy { $0.subject.hasPrefix("province=") && ($0.value ?? 2) <= 1 })
        #expect(all.first?.messageEnglish.contains("On-time") == true, "\(all.first?.messageEnglish ?? "")")
        let none = try findings(rule("none", #"{kind: measure, measure: on_time_rate, by: [province], window: 28d, op: "<", threshold: 0}"#))
        #expect(none.isEmpty)
        let busy = try findings(rule("busy", #"{kind: measure, measure: on_time_rate, by: [province], window: 28d, op: "<=", threshold: 1, min_volume: 1000000}"#))
        #expect(busy.isEmpty, "no province has a million orders")
        let total = try findings(rule("total", #"{kind: measure, measure: orders, window: 28d, op: ">", threshold: 0}"#))
        #expect(total.map(\.subject) == ["all"])
        let change = try findings(rule("change", #"{kind: measure, measure: orders, window: 28d, op: ">", threshold: -0.99, compare: {to: previous, as: relative}}"#))
        #expect(change.count == 1 && (change.first?.value ?? -2) > -0.99)
    }

    @Test func disabledRulesAreSkipped() throws {
        #expect(try findings(rule("off", #"{kind: measure, measure: orders, window: 28d, op: ">", threshold: 0}"#, enabled: false)).isEmpty)
    }

    @Test func stockBelowSafetyFollowsThePlans() throws {
        let found = try findings(rule("stock", "{kind: stock_below_safety, service_level: 0.99}"))
        var settings = StockReplenishment.Settings()
        settings.serviceLevel = 0.99
        let below = try StockReplenishment.run(on: snapshot, settings: settings).filter { $0.plan.inventoryPosition < $0.plan.safetyStock }
        #expect(found.count == below.count)
        #expect(try findings(rule("nowhere", "{kind: stock_below_safety, locations: [NO-SUCH-*]}")).isEmpty)
    }

    @Test func complaintsPastTheirSLAFire() throws {
        let quick = try findings(rule("quick", "{kind: complaint_response_overdue, sla: 1s}"))
        let unanswered = (0..<snapshot.complaints.count).filter {
            snapshot.complaints.openedAt[$0] != noInstant && snapshot.complaints.firstResponseAt[$0] == noInstant
                && snapshot.complaints.openedAt[$0] < AnalyticsFixture.asOf.millisecondsSinceEpoch - 1_000
        }
        #expect(quick.count == unanswered.count)
        #expect(try findings(rule("slow", "{kind: complaint_response_overdue, sla: 366d}")).count <= quick.count)
    }

    @Test func winWinDropsAndPriceConflicts() throws {
        #expect(try findings(rule("drop", "{kind: win_win_drop, points: 100, window: 28d}")).isEmpty)
        let drops = try findings(rule("any-drop", "{kind: win_win_drop, points: 0.01, window: 28d}"))
        #expect(drops.allSatisfy { $0.subject.hasPrefix("partner=") && ($0.value ?? 0) < -0.01 })
        #expect(try findings(rule("price", "{kind: online_price_below_dealer, tolerance: 0.99, window: 28d}")).isEmpty)
        let conflicts = try findings(rule("price-any", "{kind: online_price_below_dealer, tolerance: 0, window: 366d}"))
        #expect(conflicts.allSatisfy { $0.subject.hasPrefix("sku=") && ($0.value ?? 1) < 1 })
    }

    @Test func suspendedPartnersLateShipmentsAndAnomalies() throws {
        let suspended = try findings(rule("suspended", "{kind: suspended_partner_order}"))
        let partners = snapshot.dimensions.partners
        let expected = (1..<snapshot.orders.count).filter {
            snapshot.orders.status[$0] != OrderTable.removedStatus && partners.status[Int(snapshot.orders.partner[$0])] == .suspended
        }
        #expect(suspended.count == expected.count && suspended.allSatisfy { $0.subject.hasPrefix("order=SO") })
        let recent = try findings(rule("recent", "{kind: suspended_partner_order, since: 1d}"))
        #expect(recent.count <= suspended.count)
        #expect(try findings(rule("late-many", "{kind: late_shipments, grace: 1h, min_count: 1000000}")).isEmpty)
        let late = try findings(rule("late", "{kind: late_shipments, grace: 1s}"))
        #expect(late.count <= 1 && late.allSatisfy { $0.subject == "all" && ($0.value ?? 0) >= 1 })
        let anomalies = try findings(rule("anomalies", "{kind: anomalous_order}"))
        let spikes = try findings(rule("spikes", "{kind: anomalous_order, kinds: [quantity_spike], min_score: 1000}"))
        #expect(spikes.isEmpty)
        #expect(anomalies.allSatisfy { $0.subject.hasPrefix("order=SO") })
    }
}
