import ChannelCore
import ChannelStore
import ChannelStoreSQLite
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization
import Testing

@testable import ChannelServer

/// Live alert updates: the feed hands every notice to each listener, and the event stream writes them as
/// server-sent events, in order, with their sequence as the event id.
@Suite struct AlertEventStreamTests {
    static func alert(_ id: Int64) -> Alert {
        Alert(
            id: id, ruleID: "late-shipments", subject: "all", severity: .warning, riskType: .lateDelivery, state: .open,
            message: "迟到", messageEnglish: "late", value: 3, threshold: 1, firstSeenAt: Instant(millisecondsSinceEpoch: 0),
            lastSeenAt: Instant(millisecondsSinceEpoch: 0), occurrences: 1, assignee: nil, snoozedUntil: nil, resolvedAt: nil)
    }

    /// What a response body wrote.
    final class Written: Sendable {
        let bytes = Mutex<[UInt8]>([])
        let finished = Mutex(false)
    }

    /// Collects what a response body writes.
    struct Collector: ResponseBodyWriter {
        let written: Written

        mutating func write(_ buffer: ByteBuffer) async throws { written.bytes.withLock { $0 += buffer.readableBytesView } }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws { written.finished.withLock { $0 = true } }
    }

    @Test func everyListenerGetsEveryNoticeInOrder() async throws {
        let feed = AlertFeed()
        let first = feed.listen()
        let second = feed.listen()
        #expect(feed.listenerCount == 2)
        feed.publish(.raised, [Self.alert(1), Self.alert(2)])
        feed.publish(.changed, [Self.alert(1)])
        for stream in [first, second] {
            var seen: [(Int64, AlertNotice.Kind, Int64)] = []
            for await notice in stream {
                seen.append((notice.sequence, notice.kind, notice.alert.id))
                if seen.count == 3 { break }
            }
            #expect(seen.map(\.0) == [1, 2, 3] && seen.map(\.1) == [.raised, .raised, .changed] && seen.map(\.2) == [1, 2, 1])
        }
        let third = feed.listen()
        #expect(feed.listenerCount == 3)
        let reader = Task { for await _ in third {} }
        reader.cancel()
        await reader.value
        #expect(feed.listenerCount == 2, "a listener whose reader is cancelled (a closed connection) is dropped")
    }

    @Test func theStreamWritesServerSentEvents() async throws {
        let (notices, continuation) = AsyncStream.makeStream(of: AlertNotice.self)
        let response = AlertEventStream.response(notices)
        #expect(response.headers[.contentType] == "text/event-stream; charset=utf-8")
        continuation.yield(AlertNotice(sequence: 7, kind: .raised, alert: Self.alert(42)))
        continuation.yield(AlertNotice(sequence: 8, kind: .changed, alert: Self.alert(42)))
        continuation.finish()
        let written = Written()
        try await response.body.write(Collector(written: written))
        let text = String(decoding: written.bytes.withLock { $0 }, as: UTF8.self)
        #expect(text.hasPrefix("retry: 3000\n: connected\n\n"))
        let events = text.components(separatedBy: "\n\n").filter { $0.contains("event: alert") }
        #expect(events.count == 2)
        #expect(events.first?.hasPrefix("id: 7\nevent: alert\ndata: {") == true, "\(text)")
        let data = try #require(events.last?.components(separatedBy: "data: ").last)
        let notice = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
        #expect(notice["kind"] as? String == "changed" && notice["sequence"] as? Int == 8)
        #expect((notice["alert"] as? [String: Any])?["message_en"] as? String == "late")
        #expect(written.finished.withLock { $0 })
    }

    /// The ids of the alert events a response body wrote, in order.
    static func eventIDs(_ response: Response) async throws -> [String] {
        let written = Written()
        try await response.body.write(Collector(written: written))
        let text = String(decoding: written.bytes.withLock { $0 }, as: UTF8.self)
        return text.components(separatedBy: "\n\n").filter { $0.contains("event: alert") }.compactMap {
            $0.split(separator: "\n").first.map { String($0.dropFirst("id: ".count)) }
        }
    }

    @Test func aReconnectingClientGetsWhatItMissedThenTheStreamEachOnceInOrder() async throws {
        let (notices, continuation) = AsyncStream.makeStream(of: AlertNotice.self)
        let missed = (11...13).map { AlertNotice(sequence: $0, kind: .changed, alert: Self.alert(1)) }
        // The stream was listened to before the missed entries were read, so it repeats some of them.
        for sequence: Int64 in [9, 12, 13, 14, 15] { continuation.yield(AlertNotice(sequence: sequence, kind: .changed, alert: Self.alert(1))) }
        continuation.finish()
        let ids = try await Self.eventIDs(AlertEventStream.response(notices, after: 10, missed: missed))
        #expect(ids == ["11", "12", "13", "14", "15"])
    }

    @Test func theFollowerTellsTheStreamWhatTheHistoryHoldsOnceSomeoneListens() async throws {
        let store = try SQLiteChannelStore(path: try ServerFixture.shared.get().copy())
        let signal = AlertSignal(
            ruleID: "late-delivery", subject: "all", severity: .warning, riskType: .lateDelivery, cooldown: .hours(1), message: "迟到",
            messageEnglish: "late", value: 0.5, threshold: 0.9)
        let feed = AlertFeed()
        let follower = AlertHistoryFollower(store: store, feed: feed, start: nil, interval: .milliseconds(10), logger: Logger(label: "test"))
        let id = try store.record([signal], at: Instant(millisecondsSinceEpoch: 0)).raised[0].id
        let start = try follower.follow(after: nil)
        #expect(start == (try store.latestAlertHistoryID()) && start > 0, "the first look starts at the newest entry")
        _ = try store.acknowledge(id, actor: "user:a", requestID: nil, at: Instant(millisecondsSinceEpoch: 1))
        let unheard = try follower.follow(after: start)
        #expect(unheard > start, "with nobody listening the follower only moves on")
        let stream = feed.listen()
        _ = try store.comment(id, "在查", actor: "user:b", requestID: nil, at: Instant(millisecondsSinceEpoch: 2))
        _ = try store.resolve(id, note: nil, actor: "user:b", requestID: nil, at: Instant(millisecondsSinceEpoch: 3))
        let reached = try follower.follow(after: unheard)
        var seen: [AlertNotice] = []
        for await notice in stream {
            seen.append(notice)
            if seen.count == 2 { break }
        }
        #expect(seen.map(\.kind) == [.changed, .changed] && seen.map(\.sequence) == [unheard + 1, unheard + 2] && reached == unheard + 2)
        #expect(seen.allSatisfy { $0.alert.id == id && $0.alert.state == .resolved })
    }
}
