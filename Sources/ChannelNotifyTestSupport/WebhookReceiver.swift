public import ChannelNotify
public import ChannelStore
import Foundation
import Hummingbird
import Logging
import Synchronization

/// A webhook receiver on 127.0.0.1 (a free port) for tests. Each request to `/hooks/<name>` is checked with
/// `WebhookSignature.verify`, recorded, and answered as scripted for `<name>` (200 once the script runs out).
public final class WebhookReceiver: Sendable {
    /// How the receiver answers one request.
    public enum Reply: Sendable {
        /// This status, with `Retry-After: <seconds>` if given.
        case status(Int, retryAfter: Int? = nil)
        /// No answer until the server stops.
        case hang
    }

    /// A request as the receiver saw it.
    public struct Received: Sendable {
        public var name: String
        public var deliveryID: String?
        public var eventType: String?
        public var signature: String?
        public var body: [UInt8]
        /// Why `WebhookSignature.verify` refused the request, or nil if it passed.
        public var verificationError: WebhookSignatureError?

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    private struct State {
        var scripts: [String: [Reply]] = [:]
        var received: [Received] = []
    }

    public let secret: WebhookSecret
    public let port: Int
    private let state = Mutex(State())

    private init(secret: WebhookSecret, port: Int) {
        self.secret = secret
        self.port = port
    }

    /// The URL of the receiver's hook `name` (with a path and query that logs must not show).
    public func url(_ name: String) -> String { "http://127.0.0.1:\(port)/hooks/\(name)?token=path-secret-\(name)" }

    /// Sets the replies of hook `name`, in order; after them it answers 200.
    public func script(_ name: String, _ replies: [Reply]) { state.withLock { $0.scripts[name] = replies } }

    /// The requests received so far, oldest first.
    public var received: [Received] { state.withLock { $0.received } }

    /// Waits until `count` requests have arrived, or `timeout` passed; returns what arrived.
    public func waitForRequests(_ count: Int, timeout: Duration = .seconds(60)) async throws -> [Received] {
        let deadline = ContinuousClock.now + timeout
        while received.count < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return received
    }

    /// Runs `body` with a receiver listening on a free port, and stops the receiver afterwards.
    public static func withReceiver<T: Sendable>(secret: WebhookSecret, _ body: @Sendable (WebhookReceiver) async throws -> T) async throws -> T {
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let receiverBox = Mutex<WebhookReceiver?>(nil)
        let router = Router()
        router.post("hooks/:name") { request, context -> Response in
            guard let receiver = receiverBox.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
            return try await receiver.handle(request, name: context.parameters.get("name") ?? "")
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "test-receiver", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port != 0 else { throw ReceiverError() }
            let receiver = WebhookReceiver(secret: secret, port: port)
            receiverBox.withLock { $0 = receiver }
            defer { group.cancelAll() }
            return try await body(receiver)
        }
    }

    private func handle(_ request: Request, name: String) async throws -> Response {
        let body = Array(try await request.body.collect(upTo: 1 << 20).readableBytesView)
        func header(_ name: String) -> String? {
            request.headers.first { $0.name.canonicalName == name.lowercased() }?.value
        }
        var verificationError: WebhookSignatureError?
        do {
            try WebhookSignature.verify(
                body: body, timestamp: header(WebhookSignature.timestampHeader) ?? "",
                signature: header(WebhookSignature.signatureHeader) ?? "", secret: secret)
        } catch {
            verificationError = error
        }
        let received = Received(
            name: name, deliveryID: header(WebhookSignature.deliveryHeader), eventType: header(WebhookSignature.eventHeader),
            signature: header(WebhookSignature.signatureHeader), body: body, verificationError: verificationError)
        let reply = state.withLock { state -> Reply in
            state.received.append(received)
            guard verificationError == nil else { return .status(401) }
            return state.scripts[name]?.isEmpty == false ? state.scripts[name, default: []].removeFirst() : .status(200)
        }
        switch reply {
        case .status(let code, let retryAfter):
            var response = Response(status: .init(code: code))
            if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            return response
        case .hang:
            try await Task.sleep(for: .seconds(60))
            return Response(status: .ok)
        }
    }

    private struct ReceiverError: Error {}
}
