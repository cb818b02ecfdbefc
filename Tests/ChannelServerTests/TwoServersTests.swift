import ChannelAnalytics
import ChannelAuth
import ChannelCore
import ChannelStore
import ChannelStorePostgres
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import ChannelServer

/// Two `qudao serve`s on one PostgreSQL database, as two `QudaoServer`s with stores (and connection pools) of their own:
/// a write through one shows in the other's KPIs within 2 s and in its alerts (list and live stream), and only one of
/// them runs the scheduled alert evaluation until it stops, when the other takes over.
@Suite struct TwoServersTests {
    /// Servers that evaluate the rules on a short schedule (every 300 ms, checking every 50 ms) and follow the store
    /// every 100 ms, as `qudao serve` does.
    static let configuration = ServerConfiguration(
        callerLimit: .init(rate: 100_000, burst: 100_000), addressLimit: .init(rate: 100_000, burst: 100_000), secureCookies: false,
        followInterval: .milliseconds(100), alertCheckInterval: .milliseconds(50), alertInterval: .milliseconds(300), webhooks: nil)

    static func server(_ store: PostgresChannelStore) throws -> QudaoServer {
        QudaoServer(
            store: store, engine: try AnalyticsEngine(store: store), configuration: configuration, hasher: try PasswordHasher(cost: 4))
    }

    /// The alerts a server lists (all but resolved), by id, with their states.
    static func alerts(_ client: some TestClientProtocol, _ session: Session) async throws -> [Int: String] {
        try await client.execute(uri: "/api/v1/alerts?limit=1000", method: .get, headers: session.headers) { response in
            #expect(response.status == .ok)
            let list = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]] ?? []
            return Dictionary(list.compactMap { alert in (alert["id"] as? Int).map { ($0, alert["state"] as? String ?? "") } }) { $1 }
        }
    }

    /// Polls `condition` every 50 ms until it holds or `limit` has passed; returns how long it took, nil when it never held.
    static func within(_ limit: Duration, _ condition: () async throws -> Bool) async throws -> Duration? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < limit {
            if try await condition() { return ContinuousClock.now - start }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    @Test func aWriteThroughOneShowsInTheOthersKPIsAndAlertsAndOnlyOneEvaluatesOnSchedule() async throws {
        let location = try PostgresServerTests.demoDatabase(lines: 3_000)
        let storeA = try PostgresChannelStore(location: location, connections: 4)
        defer { storeA.close() }
        let storeB = try PostgresChannelStore(location: location, connections: 4)
        defer { storeB.close() }
        let (serverA, serverB) = (try Self.server(storeA), try Self.server(storeB))
        let outlet = try #require(try storeA.records(.outlets, RecordQuery(limit: 1)).records.first)
        let latest = try #require(try storeA.orderTimeSpan()?.upperBound)
        // What each server's live alert stream (`GET /api/v1/alerts/events`) would send, listened to before either server
        // runs; both applications are built before either runs, so each stream starts before the first evaluation.
        let (liveA, liveB) = (Notices.reading(serverA.liveAlerts.listen()), Notices.reading(serverB.liveAlerts.listen()))
        defer {
            liveA.stop()
            liveB.stop()
        }
        let (applicationA, applicationB) = (
            serverA.application(logger: Logger(label: "server-a")), serverB.application(logger: Logger(label: "server-b"))
        )
        try await applicationA.test(.router) { clientA in
            try await applicationB.test(.router) { clientB in
                let managerA = try #require(try await Session.signIn(clientA, as: "manager"))
                let managerB = try #require(try await Session.signIn(clientB, as: "manager"))

                // (1) An order written through A counts in B's KPIs within 2 s (B's engine follows the change feed).
                let before = try await managerB.orderCount(clientB)
                #expect(before > 0)
                #expect(try await managerA.createOrder(clientA, id: "SO-TWO-1", outlet: outlet, at: latest) == .created)
                let seen = try await Self.within(.seconds(2)) { try await managerB.orderCount(clientB) == before + 1 }
                #expect(seen != nil, "B's KPIs did not count A's order within 2 s")

                // The scheduled evaluation raises alerts on one server; both list them.
                let raised = try await Self.within(.seconds(60)) { try await !Self.alerts(clientB, managerB).isEmpty }
                #expect(raised != nil, "no alert was raised within a minute")
                let listedByB = try await Self.alerts(clientB, managerB)
                #expect(try await Self.alerts(clientA, managerA).keys.sorted() == listedByB.keys.sorted())
                // An alert acknowledged through A is acknowledged in B's list at once (both read the database).
                let id = try #require(listedByB.first { $0.value == "open" }?.key)
                try await clientA.execute(uri: "/api/v1/alerts/\(id)/ack", method: .post, headers: managerA.headers, body: ByteBuffer(string: "{}")) {
                    response in
                    #expect(response.status == .ok)
                }
                #expect(try await Self.alerts(clientB, managerB)[id] == "acknowledged")
                // Both live streams tell it within 2 s, whichever server raised the alert and whichever acknowledged it,
                // with the same sequence (the history entry's id) on both.
                for live in [liveA, liveB] {
                    let told = try await Self.within(.seconds(2)) {
                        live.seen.contains { $0.kind == .changed && $0.alert.id == Int64(id) && $0.alert.state == .acknowledged }
                    }
                    #expect(told != nil, "a live stream did not tell the acknowledgement within 2 s")
                }
                let (toldA, toldB) = (liveA.seen, liveB.seen)
                #expect(toldA.contains { $0.kind == .raised && $0.alert.id == Int64(id) }, "the raised alert was not streamed")
                let common = Set(toldA.map(\.sequence)).intersection(toldB.map(\.sequence))
                #expect(common.count >= 2)
                for sequence in common {
                    #expect(toldA.first { $0.sequence == sequence }?.alert.id == toldB.first { $0.sequence == sequence }?.alert.id)
                }

                // (2) Rounds come every 300 ms: once one server has evaluated a few of them, the other has evaluated none
                // (waiting for the rounds rather than a fixed time, as an evaluation takes longer on a loaded machine).
                let rounds = try await Self.within(.seconds(60)) {
                    max(serverA.alerting.scheduledRounds.evaluated, serverB.alerting.scheduledRounds.evaluated) >= 3
                }
                #expect(rounds != nil, "no server evaluated three scheduled rounds within a minute")
                let (roundsA, roundsB) = (serverA.alerting.scheduledRounds, serverB.alerting.scheduledRounds)
                let (leader, follower) = roundsA.evaluated > 0 ? (serverA, serverB) : (serverB, serverA)
                let (leaderStore, followerStore) = roundsA.evaluated > 0 ? (storeA, storeB) : (storeB, storeA)
                #expect(leader.alerting.scheduledRounds.evaluated >= 3, "\(roundsA) \(roundsB)")
                #expect(follower.alerting.scheduledRounds.evaluated == 0, "\(roundsA) \(roundsB)")
                #expect(follower.alerting.scheduledRounds.leftToOthers >= 3, "\(roundsA) \(roundsB)")
                #expect(try leaderStore.leads(.alertEvaluation) && !followerStore.leads(.alertEvaluation))

                // Each duty has a lead of its own: the first store to ask for webhook delivery takes it, the other not.
                #expect(try leaderStore.leads(.webhookDelivery) && !followerStore.leads(.webhookDelivery))

                // When the leader's store closes (as when its server stops), the other takes the duty at its next round.
                leaderStore.close()
                let takenOver = try await Self.within(.seconds(5)) { follower.alerting.scheduledRounds.evaluated > 0 }
                #expect(takenOver != nil, "the other server did not take the scheduled evaluation over")
            }
        }
    }
}

/// The notices a live alert stream has handed out so far.
final class Notices: Sendable {
    private let received = Mutex<[AlertNotice]>([])
    private let reader = Mutex<Task<Void, Never>?>(nil)

    /// Starts reading `stream`.
    static func reading(_ stream: AsyncStream<AlertNotice>) -> Notices {
        let notices = Notices()
        notices.reader.withLock { $0 = Task { for await notice in stream { notices.received.withLock { $0.append(notice) } } } }
        return notices
    }

    var seen: [AlertNotice] { received.withLock { $0 } }

    func stop() { reader.withLock { $0?.cancel() } }
}
