import ChannelAnalytics
import ChannelCore
import ChannelImport
import ChannelStore
import Foundation
import HTTPTypes
import Hummingbird

/// The order lifecycle: confirm, ship, deliver, return, cancel. Each move is allowed only from the states it
/// makes sense from, sets the time it records, and is audited like any update.
struct OrderRoutes {
    let records: RecordRoutes
    let clock: @Sendable () -> Instant

    enum Move: String, CaseIterable {
        case confirm, ship, deliver, `return`, cancel

        /// The statuses this move starts from, and where it leads.
        var from: Set<OrderStatus> {
            switch self {
            case .confirm: [.pending]
            case .ship: [.pending, .confirmed]
            case .deliver: [.shipped]
            case .return: [.delivered]
            case .cancel: [.pending, .confirmed]
            }
        }

        var to: OrderStatus {
            switch self {
            case .confirm: .confirmed
            case .ship: .shipped
            case .deliver: .delivered
            case .return: .returned
            case .cancel: .cancelled
            }
        }

        /// The column the move stamps with its time.
        var stamps: String? {
            switch self {
            case .ship: "shipped_at"
            case .deliver: "delivered_at"
            default: nil
            }
        }
    }

    struct Body: Decodable {
        /// When it happened (ISO 8601); now by default.
        var at: String?
    }

    var endpoints: [Endpoint] {
        Move.allCases.map { move in
            Endpoint(
                .post, "/api/v1/orders/{order_id}/\(move.rawValue)", id: "\(move.rawValue)Order",
                "\(move.rawValue.prefix(1).uppercased() + move.rawValue.dropFirst()) an order", tag: "orders",
                access: .requires(.write),
                body: ["type": "object", "properties": ["at": ["type": "string", "format": "date-time"]]],
                returns: "the order after the move", schema: ["$ref": "#/components/schemas/Orders"]
            ) { request, context in try await apply(move, request, context) }
        }
    }

    private func apply(_ move: Move, _ request: Request, _ context: ServerContext) async throws -> Response {
        let key = try RecordRoutes.key(.orders, context)
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        var at = clock()
        if buffer.readableBytes > 0 {
            let body = try JSON.decode(Body.self, from: Data(buffer.readableBytesView))
            if let text = body.at {
                do { at = try Instant(iso8601: text) } catch { throw APIError.invalid("at '\(text)' \(error)") }
            }
        }
        // A retried move with the same Idempotency-Key is answered as the first time, not refused as already done.
        return try await Idempotency(store: records.store, clock: clock).respond(request, context, body: buffer) {
            let record = try await perform(move, key: key, at: at, context)
            return Idempotency.Reply(status: .ok, body: RecordJSON.bytes(record), headers: [.eTag: RecordRoutes.etag(record)])
        }
    }

    private func perform(_ move: Move, key: [String], at: Instant, _ context: ServerContext) async throws -> Record {
        try await records.write(.orders, context) { writer in
            guard let current = try writer.currentRecord(.orders, key: key) else {
                throw APIError.notFound("there is no order \(key[0])")
            }
            let status = current["status"].flatMap(OrderStatus.init(rawValue:))
            guard let status, move.from.contains(status) else {
                let allowed = move.from.map(\.rawValue).sorted().joined(separator: " or ")
                throw APIError.conflict("cannot \(move.rawValue) order \(key[0]): it is \(status?.rawValue ?? "unknown"), not \(allowed)")
            }
            var values: [String: String?] = [:]
            for (column, value) in current.fields { values[column] = .some(value) }
            values["status"] = move.to.rawValue
            if let column = move.stamps { values[column] = at.iso8601 }
            _ = try RecordInput.write(.orders, values: values, to: writer)
            return try writer.currentRecord(.orders, key: key)
        }
    }
}
