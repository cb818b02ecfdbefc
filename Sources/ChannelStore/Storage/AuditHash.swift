import Crypto

/// The hash chain over the audit trail, as every backend computes it (docs/STORE.md, "Hash chain").
///
/// An event's `hash` is the hex SHA-256 of `qudao-audit-v1` followed by its id, at, actor, request_id, entity,
/// entity_key, action, before_json, after_json and prev_hash, each written as `N` (null) or `S<byte count>:<bytes>`,
/// so no two different events share an encoding; `prev_hash` is the previous event's hash (`genesis` for the first).
package enum AuditHash {
    /// The `prev_hash` of the first event.
    package static let genesis = String(repeating: "0", count: 64)

    /// The hash of one event.
    package static func event(
        id: Int64, at: Int64, actor: String, requestID: String?, entity: String, entityKey: String, action: String,
        before: String?, after: String?, previous: String
    ) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(96 + actor.utf8.count + entity.utf8.count + entityKey.utf8.count + (before?.utf8.count ?? 0)
            + (after?.utf8.count ?? 0))
        bytes.append(contentsOf: "qudao-audit-v1".utf8)
        for field in [String(id), String(at), actor, requestID, entity, entityKey, action, before, after, previous] {
            appendField(field, to: &bytes)
        }
        return hex(SHA256.hash(data: bytes))
    }

    /// The stored columns of an audit event, in the order of `nextEvent`'s values.
    package static let columns = "id, at, actor, request_id, entity, entity_key, action, before_json, after_json, prev_hash, hash"

    /// The event that extends the chain after `head` (the last event's id and hash): its id, and its values in
    /// `columns` order, hash included. Call it inside the writing transaction, holding the writer lock, so that no other
    /// event comes between the head and this one.
    package static func nextEvent(
        after head: (id: Int64, hash: String), at: Int64, actor: String, requestID: String?, entity: String, entityKey: String,
        action: String, before: String?, after: String?
    ) -> (id: Int64, values: [DBValue]) {
        let id = head.id + 1
        let hash = event(
            id: id, at: at, actor: actor, requestID: requestID, entity: entity, entityKey: entityKey, action: action, before: before,
            after: after, previous: head.hash)
        return (
            id,
            [
                .integer(id), .integer(at), .text(actor), DBValue(requestID), .text(entity), .text(entityKey), .text(action),
                DBValue(before), DBValue(after), .text(head.hash), .text(hash),
            ]
        )
    }

    /// One field of a hashed encoding: `N` for null, else `S<byte count>:<bytes>` (record ETags use it too).
    package static func appendField(_ field: String?, to bytes: inout [UInt8]) {
        guard let field else {
            bytes.append(UInt8(ascii: "N"))
            return
        }
        bytes.append(UInt8(ascii: "S"))
        bytes.append(contentsOf: String(field.utf8.count).utf8)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(contentsOf: field.utf8)
    }

    /// Lower-case hexadecimal of a digest.
    package static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
