import Foundation
import HTTPTypes
import Hummingbird

/// Alert notices as server-sent events (`text/event-stream`): one `alert` event per notice, in increasing sequence,
/// its id the notice's sequence and its data the notice as JSON, with a comment every `keepAlive` so that proxies
/// keep the connection.
enum AlertEventStream {
    static let keepAlive = Duration.seconds(15)

    /// - Parameters:
    ///   - seen: the last sequence the client saw (from its `Last-Event-ID`): later notices only.
    ///   - missed: notices after `seen` read from the history, written before `notices`.
    static func response(_ notices: AsyncStream<AlertNotice>, after seen: Int64 = 0, missed: [AlertNotice] = []) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        let body = ResponseBody { writer in
            let (events, sink) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .bufferingNewest(AlertFeed.backlog))
            let forward = Task {
                var sent = seen
                // The stream may repeat what was read as missed: each notice goes out once, in order.
                func send(_ notice: AlertNotice) {
                    guard notice.sequence > sent else { return }
                    sink.yield(event(notice))
                    sent = notice.sequence
                }
                missed.forEach(send)
                for await notice in notices { send(notice) }
                sink.finish()
            }
            let beat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: keepAlive)
                    sink.yield(ByteBuffer(string: ": keep-alive\n\n"))
                }
            }
            defer {
                forward.cancel()
                beat.cancel()
            }
            // The retry delay for the browser's reconnection, and a first line so the client knows it is connected.
            try await writer.write(ByteBuffer(string: "retry: 3000\n: connected\n\n"))
            for await event in events { try await writer.write(event) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    private static func event(_ notice: AlertNotice) -> ByteBuffer {
        let data = (try? JSONEncoder.api.encode(notice)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ByteBuffer(string: "id: \(notice.sequence)\nevent: alert\ndata: \(data)\n\n")
    }
}
