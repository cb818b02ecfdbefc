import ChannelCore
import ChannelImport
import Foundation
import Synchronization

/// Files uploaded on the import page and waiting for their column mapping to be checked (preview) before the import
/// starts. In memory, like the jobs: a restart forgets them, and one left waiting longer than `lifetime` is removed.
final class StagedUploads: Sendable {
    struct Staged: Sendable {
        var id: String
        var upload: ImportUpload
        var owner: String
        var entity: EntityKind
        var onError: ErrorPolicy
        var stagedAt: Date
    }

    static let lifetime: TimeInterval = 3600
    private let staged = Mutex<[String: Staged]>([:])

    func add(_ upload: ImportUpload, owner: String, entity: EntityKind, onError: ErrorPolicy) -> String {
        let id = UUID().uuidString.lowercased()
        let now = Date()
        let expired = staged.withLock { staged in
            let old = staged.values.filter { now.timeIntervalSince($0.stagedAt) > Self.lifetime }
            for item in old { staged[item.id] = nil }
            staged[id] = Staged(id: id, upload: upload, owner: owner, entity: entity, onError: onError, stagedAt: now)
            return old
        }
        for item in expired { item.upload.discard() }
        return id
    }

    /// The upload `id` of `owner`; nil for another user's or an unknown one.
    func get(_ id: String, owner: String) -> Staged? {
        staged.withLock { $0[id] }.flatMap { $0.owner == owner ? $0 : nil }
    }

    /// Takes the upload out of the waiting list (its import starts).
    func take(_ id: String, owner: String) -> Staged? {
        staged.withLock { staged in
            guard let item = staged[id], item.owner == owner else { return nil }
            staged[id] = nil
            return item
        }
    }
}
