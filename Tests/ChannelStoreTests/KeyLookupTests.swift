@testable import ChannelStoreSQLite
import Testing

/// The look-up structures of the bulk writer's reference checks.
@Suite struct SequencedKeysTests {
    @Test func findsKeysInOrderOutOfOrderAndNotAtAll() {
        var keys = SequencedKeys<Int>()
        for number in 0..<1000 { keys.set("K\(1000 + number)", number) }
        #expect(keys.count == 1000)
        // In order (the look-ahead), far back and far ahead (the binary search), missing ones.
        for number in 0..<1000 { #expect(keys.value("K\(1000 + number)") == number) }
        #expect(keys.value("K1500") == 500)
        #expect(keys.value("K1003") == 3)
        #expect(keys.value("K1999") == 999)
        #expect(keys.value("K0999") == nil)
        #expect(keys.value("K2000") == nil)
        #expect(keys.value("K1500x") == nil)
    }

    @Test func setReplacesTheValueOfAKnownKey() {
        var keys = SequencedKeys<Int>()
        keys.set("A", 1)
        keys.set("B", 2)
        keys.set("A", 3)
        #expect(keys.count == 2)
        #expect(keys.value("A") == 3)
        #expect(keys.value("B") == 2)
    }

    @Test func unsortedKeysAreFoundThroughAnIndex() {
        var keys = SequencedKeys<Int>()
        let order = (0..<500).map { ($0 * 7919) % 500 }  // every number once, shuffled
        for number in order { keys.set("K\(number)", number) }
        for number in order.reversed() { #expect(keys.value("K\(number)") == number) }
        #expect(keys.value("K500") == nil)
        // Keys added after the index was built are found too.
        keys.set("K-new", -1)
        #expect(keys.value("K-new") == -1)
        keys.set("K3", 33)
        #expect(keys.value("K3") == 33)
        #expect(keys.count == 501)
    }
}

@Suite struct RecentKeysTests {
    @Test func resolvesOnceAndRemembersWhatWasFound() {
        var cache = RecentKeys<Int>(capacity: 4)
        var resolved: [String] = []
        let resolve = { (key: String) -> Int? in
            resolved.append(key)
            return key == "missing" ? nil : key.count
        }
        #expect(cache.value("abc", resolve) == 3)
        #expect(cache.value("abc", resolve) == 3)
        #expect(cache.value("missing", resolve) == nil)
        #expect(cache.value("missing", resolve) == nil)
        #expect(resolved == ["abc", "missing", "missing"])
        cache.removeAll()
        #expect(cache.value("abc", resolve) == 3)
        #expect(resolved.count == 4)
    }

    @Test func growsWhenKeysKeepPushingEachOtherOut() {
        var cache = RecentKeys<Int>(capacity: 1 << 16)
        let keys = (0..<20_000).map { "O\(1_000_000 + $0)" }
        var calls = 0
        let resolve = { (key: String) -> Int? in
            calls += 1
            return key.count
        }
        // Three passes over more keys than the first slots hold: the cache grows, and the last pass finds most of them.
        for _ in 0..<3 { for key in keys { _ = cache.value(key, resolve) } }
        let before = calls
        for key in keys { #expect(cache.value(key, resolve) == 8) }
        #expect(calls - before < keys.count / 3)
    }

    @Test func keysSharingASlotEvictEachOther() {
        var cache = RecentKeys<String>(capacity: 1)
        #expect(cache.value("a") { $0 } == "a")
        #expect(cache.value("b") { $0 } == "b")
        var calls = 0
        #expect(cache.value("a") { calls += 1; return $0 } == "a")
        #expect(calls == 1)
    }
}
