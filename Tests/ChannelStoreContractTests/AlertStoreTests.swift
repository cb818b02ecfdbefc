import Foundation
import Testing

@testable import ChannelCore
@testable import ChannelStore
import ChannelStoreTestSupport

@Suite struct AlertStoreTests {
    static func at(minutes: Int64) -> Instant { Instant(millisecondsSinceEpoch: fixedNow.millisecondsSinceEpoch + minutes * 60_000) }

    static func signal(_ subject: String = "province=310000", value: Double = 0.8) -> AlertSignal {
        AlertSignal(
            ruleID: "late-delivery", subject: subject, severity: .warning, riskType: .lateDelivery, cooldown: .hours(1),
            message: "准时率 \(value)", messageEnglish: "on-time rate \(value)", value: value, threshold: 0.9)
    }

    @Test(arguments: Backend.allCases)
    func aFindingRaisesOneAlertAndRepeatsCountOnIt(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let first = try store.record([Self.signal(), Self.signal("province=110000")], at: Self.at(minutes: 0))
            #expect(first.raised.count == 2 && first.repeated == 0)
            let again = try store.record([Self.signal(value: 0.7)], at: Self.at(minutes: 10))
            #expect(again.raised.isEmpty && again.repeated == 1)
            let id = first.raised[0].id
            let (alert, history) = try store.alert(id)
            #expect(alert.occurrences == 2 && alert.value == 0.7 && alert.lastSeenAt == Self.at(minutes: 10) && alert.state == .open)
            #expect(history.map(\.action) == [.raised], "a repeat is counted, not written to the history")
            #expect(try store.alerts(states: [.open], limit: 10).map(\.id) == [first.raised[1].id, id])
        }
    }

    @Test(arguments: Backend.allCases)
    func theLifecycleIsAuditedAndRefusesWhatItsStateDoesNotAllow(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let user = UserID("manager")
            try store.createUser(
                User(id: user, displayName: "经理", role: .channelManager, partnerID: nil), passwordHash: nil, actor: "test", requestID: nil)
            let id = try store.record([Self.signal()], at: Self.at(minutes: 0)).raised[0].id
            #expect(try store.acknowledge(id, actor: "user:manager", requestID: nil, at: Self.at(minutes: 1)).state == .acknowledged)
            #expect(try store.assign(id, to: user, actor: "user:manager", requestID: nil, at: Self.at(minutes: 2)).assignee == user)
            #expect(throws: StoreError.self) { try store.assign(id, to: UserID("nobody"), actor: "user:manager", requestID: nil, at: Self.at(minutes: 2)) }
            _ = try store.comment(id, "已联系承运商", actor: "user:manager", requestID: nil, at: Self.at(minutes: 3))
            #expect(throws: StoreError.self) { try store.comment(id, "  ", actor: "user:manager", requestID: nil, at: Self.at(minutes: 3)) }
            let resolved = try store.resolve(id, note: "恢复", actor: "user:manager", requestID: nil, at: Self.at(minutes: 4))
            #expect(resolved.state == .resolved && resolved.resolvedAt == Self.at(minutes: 4))
            let conflict = #expect(throws: StoreError.self) { try store.acknowledge(id, actor: "user:manager", requestID: nil, at: Self.at(minutes: 5)) }
            #expect(conflict?.code == .conflict)
            #expect(throws: StoreError.self) { try store.resolve(id, note: nil, actor: "user:manager", requestID: nil, at: Self.at(minutes: 5)) }
            let history = try store.alert(id).history.map(\.action)
            #expect(history == [.raised, .acknowledged, .assigned, .commented, .resolved])
            let audited = try store.auditTrail(AuditQuery(entity: "alerts", limit: 100)).events
            #expect(audited.count == 4, "acknowledge, assign, comment, resolve")
            let missing = #expect(throws: StoreError.self) { try store.alert(999) }
            #expect(missing?.code == .notFound)
        }
    }

    @Test(arguments: Backend.allCases)
    func theHistoryOfAllAlertsIsFollowedInOrderWithEachAlertAsItIsNow(_ backend: Backend) throws {
        try backend.withStore { store throws in
            #expect(try store.latestAlertHistoryID() == 0)
            #expect(try store.alertHistory(after: 0, limit: 10).isEmpty)
            let raised = try store.record([Self.signal(), Self.signal("province=110000")], at: Self.at(minutes: 0)).raised
            let start = try store.latestAlertHistoryID()
            _ = try store.acknowledge(raised[1].id, actor: "user:manager", requestID: nil, at: Self.at(minutes: 1))
            _ = try store.record([Self.signal(value: 0.7)], at: Self.at(minutes: 2))
            _ = try store.comment(raised[0].id, "在查", actor: "user:manager", requestID: nil, at: Self.at(minutes: 3))
            _ = try store.resolve(raised[1].id, note: nil, actor: "user:manager", requestID: nil, at: Self.at(minutes: 4))
            let all = try store.alertHistory(after: 0, limit: 100)
            #expect(all.map(\.action) == [.raised, .raised, .acknowledged, .commented, .resolved], "a repeat writes no entry")
            #expect(all.map(\.alert.id) == [raised[0].id, raised[1].id, raised[1].id, raised[0].id, raised[1].id])
            #expect(zip(all, all.dropFirst()).allSatisfy { $0.id < $1.id })
            #expect(all[1].alert.state == .resolved && all[1].alert.resolvedAt == Self.at(minutes: 4), "the alert as it is now")
            #expect(all[0].alert.occurrences == 2 && all[0].alert.value == 0.7)
            #expect(try store.latestAlertHistoryID() == all[4].id)
            let since = try store.alertHistory(after: start, limit: 2)
            #expect(since.map(\.id) == [all[2].id, all[3].id], "after an entry, at most the limit")
            #expect(try store.alertHistory(after: all[4].id, limit: 10).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func aResolvedAlertStaysQuietForItsCooldownThenRaisesAgain(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let id = try store.record([Self.signal()], at: Self.at(minutes: 0)).raised[0].id
            _ = try store.resolve(id, note: nil, actor: "user:manager", requestID: nil, at: Self.at(minutes: 5))
            let quiet = try store.record([Self.signal()], at: Self.at(minutes: 30))
            #expect(quiet.raised.isEmpty && quiet.suppressed == 1)
            let loud = try store.record([Self.signal()], at: Self.at(minutes: 66))
            #expect(loud.raised.count == 1 && loud.raised[0].id != id)
        }
    }

    @Test(arguments: Backend.allCases)
    func aSnoozedAlertOpensAgainWhenSeenAfterItsTime(_ backend: Backend) throws {
        try backend.withStore { store throws in
            let id = try store.record([Self.signal()], at: Self.at(minutes: 0)).raised[0].id
            #expect(throws: StoreError.self) { try store.snooze(id, until: Self.at(minutes: 0), actor: "u", requestID: nil, at: Self.at(minutes: 1)) }
            #expect(try store.snooze(id, until: Self.at(minutes: 60), actor: "u", requestID: nil, at: Self.at(minutes: 1)).state == .snoozed)
            _ = try store.record([Self.signal()], at: Self.at(minutes: 30))
            #expect(try store.alert(id).alert.state == .snoozed)
            _ = try store.record([Self.signal()], at: Self.at(minutes: 61))
            let (alert, history) = try store.alert(id)
            #expect(alert.state == .open && alert.snoozedUntil == nil && alert.occurrences == 3)
            #expect(history.map(\.action) == [.raised, .snoozed, .reopened])
        }
    }
}
