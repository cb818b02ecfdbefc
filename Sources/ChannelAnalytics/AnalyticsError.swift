/// A request the analytic engine cannot answer, or data it cannot hold, with the reason in words.
public struct AnalyticsError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
