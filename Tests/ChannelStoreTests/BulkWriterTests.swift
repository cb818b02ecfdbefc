import Foundation
import Testing

@testable import ChannelCore
@testable import ChannelStore
@testable import ChannelStoreSQLite
import ChannelStoreTestSupport

@Suite struct NumberSetTests {
    @Test func remembersEveryKeyThroughGrowth() {
        var set = NumberSet(capacity: 4)
        let keys: [Int64] = (0..<5_000).map { Int64($0) * 7_919 - 1_000_000 } + [0, .min, .max, 1 << 43, 2 << 43, 3 << 43]
        var expected: Set<Int64> = []
        for key in keys {
            let isNew = set.insert(key)
            #expect(isNew == expected.insert(key).inserted, "\(key)")
        }
        for key in keys {
            let isNew = set.insert(key)
            #expect(!isNew, "\(key)")
        }
        #expect(set.count == expected.count)
    }

    @Test func keysDifferingOnlyInHighBitsAreDistinct() {
        var set = NumberSet()
        for round in 0..<2 {
            for location in Int64(0)..<64 {
                let isNew = set.insert(location << 43 | 20_000 << 23 | 7)
                #expect(isNew == (round == 0))
            }
        }
        #expect(set.count == 64)
    }
}
