import Dispatch

/// Runs seconds of computing (evaluating alert rules, a backtest) on a Dispatch thread instead of Swift's concurrency
/// pool, which has one thread per core: work that long on the pool holds up request handling and the engine follower.
enum Offload {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async { continuation.resume(with: Result { try work() }) }
        }
    }
}
