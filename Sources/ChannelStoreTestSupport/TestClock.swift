public import ChannelCore

/// The fixed clock of every store under test.
public let fixedNow = Instant(millisecondsSinceEpoch: 1_700_000_000_000)

/// Thrown by a test to unwind a bulk write.
public struct TestAbort: Error, Equatable {
    public init() {}
}
