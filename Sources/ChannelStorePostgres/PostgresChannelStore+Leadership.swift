public import ChannelStore

/// One server at a time leads a duty among those on the database: see `PostgresLeadership`.
extension PostgresChannelStore: LeadershipStore {
    public func leads(_ duty: StoreDuty) throws -> Bool { try leadership.leads(duty, pool: pool) }

    public func resign(_ duty: StoreDuty) { leadership.resign(duty, pool: pool) }
}
