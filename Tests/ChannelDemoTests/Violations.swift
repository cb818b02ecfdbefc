/// Collects failed checks inside big loops, so a test records one expectation instead of
/// hundreds of thousands (each `#expect` is costly in debug builds).
struct Violations {
    private(set) var count = 0
    private(set) var examples: [String] = []

    mutating func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        count += 1
        if examples.count < 10 { examples.append(message()) }
    }
}
