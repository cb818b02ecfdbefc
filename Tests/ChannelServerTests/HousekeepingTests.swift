import ChannelCore
import ChannelStore
import ChannelStoreSQLite
import Logging
import Testing

@testable import ChannelServer

/// The server's housekeeping round: expired sessions and idempotency records past their retention go, the rest stay.
@Suite struct HousekeepingTests {
    @Test func aRoundDeletesWhatHasExpiredOnly() throws {
        let fixture = try ServerFixture.shared.get()
        let store = try SQLiteChannelStore(path: try fixture.copy())
        let now = Instant(millisecondsSinceEpoch: 1_800_000_000_000)
        func at(hoursAgo: Int64) -> Instant { Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch - hoursAgo * 3_600_000) }
        for (key, hours) in [("day-old", Int64(25)), ("fresh", Int64(1))] {
            try store.storeResponse(
                user: "user:manager", key: key,
                StoredResponse(requestHash: "r", status: 201, body: [], contentType: "application/json", createdAt: at(hoursAgo: hours)))
        }
        let housekeeping = Housekeeping(
            store: store, clock: { now }, retention: .seconds(24 * 3600), interval: .seconds(600), logger: Logger(label: "test"))
        try housekeeping.sweep()
        #expect(try store.storedResponse(user: "user:manager", key: "day-old") == nil)
        #expect(try store.storedResponse(user: "user:manager", key: "fresh") != nil)
    }
}
