import ChannelAnalytics

/// Cube answers of the pages, kept per snapshot: the partner pages all ask for the same ranking of every partner's
/// win-win index, and an explorer view and its downloads ask the same question. A question includes its partner
/// scope, so one user's answer never serves another scope.
struct CubeAnswers: Sendable {
    let cache: SnapshotCache<CubeQuery, CubeResult>

    func run(_ query: CubeQuery, on snapshot: FactSnapshot) async throws -> CubeResult {
        try await cache.answer(to: query, sequence: snapshot.sequence) { try Cube.run(query, on: snapshot) }
    }
}
