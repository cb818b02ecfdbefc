import Logging
import Synchronization

/// Log lines kept in memory, to check what the dispatcher writes (and what it must not).
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    /// A logger at trace level writing here.
    func makeLogger() -> Logger {
        var logger = Logger(label: "webhooks-test") { _ in Handler(logs: self) }
        logger.logLevel = .trace
        return logger
    }

    /// Every line so far: level, message and metadata as `key=value`.
    var all: [String] { lines.withLock { $0 } }

    private struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = metadata.merging(event.metadata ?? [:]) { _, new in new }
            let pairs = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let line = "\(event.level) \(event.message) \(pairs.joined(separator: " "))"
            logs.lines.withLock { $0.append(line) }
        }
    }
}
