public import Hummingbird
import NIOCore

/// The per-request context: who is asking (set by `Authenticator`) and the request id that logs and audit events
/// carry.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller; nil until `Authenticator` has run (and for anonymous routes).
    public var principal: Principal?
    /// The caller's `X-Request-Id` when it is a sane token, else one made here.
    public var requestID: String
    /// The client's IP address, for per-address rate limits ("unknown" when the transport has none).
    public var clientAddress: String

    public init(source: Source) {
        coreContext = .init(source: source)
        principal = nil
        requestID = ""
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Uploads are streamed to disk by the import route; every other body is small JSON.
    public var maxUploadSize: Int { 1 << 20 }
}
