public import ChannelStore

/// A SQLite file has one server: it leads every duty.
extension SQLiteChannelStore: LeadershipStore {
    public func leads(_ duty: StoreDuty) throws -> Bool { true }

    public func resign(_ duty: StoreDuty) {}
}
