import ChannelCore
import Foundation
import HTTPTypes
import Hummingbird
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
}
