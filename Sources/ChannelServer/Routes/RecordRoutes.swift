import ChannelCore
import ChannelImport
import ChannelStore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// List, get, create, update and delete for every entity of the model under /api/v1, with cursor pagination,
/// filters, partner scoping, ETags and If-Match, Idempotency-Key, and per-row audit with the request id.
struct RecordRoutes {
    let store: any QudaoServer.Store
    let clock: @Sendable () -> Instant

    /// The URL segment of each entity (`order-lines`, `inventory-snapshots`, ...).
    static func segment(_ kind: EntityKind) -> String { kind.name.replacingOccurrences(of: "_", with: "-") }

    static func itemPath(_ kind: EntityKind) -> String {
        "/api/v1/\(segment(kind))/" + kind.keyColumns.map { "{\($0)}" }.joined(separator: "/")
    }

    var endpoints: [Endpoint] { EntityKind.allCases.flatMap(endpoints(for:)) }

    private func endpoints(for kind: EntityKind) -> [Endpoint] {
        let name = RecordSchema.name(kind)
        let record: JSONValue = ["$ref": .string("#/components/schemas/\(name)")]
        let collection = "/api/v1/\(Self.segment(kind))"
        let item = Self.itemPath(kind)
        let noun = kind.name.replacingOccurrences(of: "_", with: " ")
        var endpoints = [
            Endpoint(
                .get, collection, id: "list\(name)", "List \(noun)", tag: kind.name, access: .requires(.read),
                query: Self.listParameters(kind), returns: "a page of \(noun) and the cursor of the next page",
                schema: [
                    "type": "object", "required": ["items"],
                    "properties": ["items": ["type": "array", "items": record], "next_cursor": ["type": ["string", "null"]]],
                ]
            ) { request, context in try list(kind, request, context) },
            Endpoint(
                .get, item, id: "get\(name)", "Get one of the \(noun)", tag: kind.name, access: .requires(.read),
                returns: "the record; its ETag header is the version to send as If-Match", schema: record
            ) { _, context in try get(kind, context) },
            Endpoint(
                .post, collection, id: "create\(name)", "Create one of the \(noun)", tag: kind.name, access: .requires(.write),
                body: record, status: 201, returns: "the created record", schema: record
            ) { request, context in try await create(kind, request, context) },
            Endpoint(
                .put, item, id: "replace\(name)", "Replace one of the \(noun)", tag: kind.name, access: .requires(.write),
                body: record, returns: "the record as stored", schema: record
            ) { request, context in try await update(kind, request, context, merge: false) },
            Endpoint(
                .patch, item, id: "update\(name)", "Change some fields of one of the \(noun)", tag: kind.name,
                access: .requires(.write), body: ["type": "object", "description": "the columns to change"],
                returns: "the record as stored", schema: record
            ) { request, context in try await update(kind, request, context, merge: true) },
        ]
        // Orders are cancelled, not deleted (their history stays); partners are suspended by PATCH.
        if kind != .orders && kind != .partners {
            endpoints.append(
                Endpoint(
                    .delete, item, id: "delete\(name)", "Delete one of the \(noun)", tag: kind.name, access: .requires(.write),
                    status: 204, returns: "deleted"
                ) { request, context in try await delete(kind, request, context) })
        }
        return endpoints
    }

    static func listParameters(_ kind: EntityKind) -> [Endpoint.Parameter] {
        var parameters: [Endpoint.Parameter] = [
            .init("limit", "records per page (1 to 1000, default 100)", schema: ["type": "integer", "minimum": 1, "maximum": 1000]),
            .init("cursor", "the next_cursor of the previous page"),
            .init("sort", "a column to sort by, '-' first for descending (default: the natural key)"),
        ]
        for column in kind.columns {
            let type = ColumnType.of(column, in: kind)
            parameters.append(.init(column, "only records whose \(column) equals this", schema: type.schema))
            if type == .integer || type == .decimal || type == .instant || type == .date {
                parameters.append(.init("\(column)_from", "only records whose \(column) is at least this", schema: type.schema))
                parameters.append(.init("\(column)_to", "only records whose \(column) is at most this", schema: type.schema))
            }
        }
        return parameters
    }

    // MARK: Reading

    private func list(_ kind: EntityKind, _ request: Request, _ context: ServerContext) throws -> Response {
        var query = RecordQuery(partnerScope: context.principal?.partnerScope)
        for (name, value) in request.uri.queryParameters {
            let name = String(name)
            let value = String(value)
            switch name {
            case "limit":
                guard let limit = Int(value), (1...RecordQuery.maximumLimit).contains(limit) else {
                    throw APIError.invalid("limit must be a whole number from 1 to \(RecordQuery.maximumLimit)")
                }
                query.limit = limit
            case "cursor": query.cursor = value
            case "sort": query.sort = value
            default: query.filters[name] = value
            }
        }
        let page = try translatingErrors { try store.records(kind, query) }
        return JSON.response(bytes: RecordJSON.page(page.records, nextCursor: page.nextCursor))
    }

    private func get(_ kind: EntityKind, _ context: ServerContext) throws -> Response {
        let key = try Self.key(kind, context)
        guard let record = try translatingErrors({ try store.record(kind, key: key, partnerScope: context.principal?.partnerScope) }) else {
            throw APIError.notFound("there is no \(kind.name) record \(key.joined(separator: "/"))")
        }
        return JSON.response(bytes: RecordJSON.bytes(record), headers: [.eTag: Self.etag(record)])
    }

    // MARK: Writing

    private func create(_ kind: EntityKind, _ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        return try await Idempotency(store: store, clock: clock).respond(request, context, body: body) {
            let values = try RecordJSON.values(Data(body.readableBytesView))
            let key = kind.keyColumns.map { values[$0].flatMap { $0 } ?? "" }
            // Decoded here, on the request's thread: the store's writer thread only checks references and writes.
            let decoded = try translatingErrors { try RecordInput.decode(kind, values: values) }
            let record = try await write(kind, context) { writer in
                // A key that exists already is refused; whatever the write changed is rolled back with the error.
                guard try RecordInput.write(decoded, to: writer) == .inserted else {
                    throw APIError.conflict("\(kind.name) \(key.joined(separator: "/")) exists already; PUT or PATCH it to change it")
                }
                return try writer.currentRecord(kind, key: key)
            }
            return Idempotency.Reply(status: .created, body: RecordJSON.bytes(record), headers: [.eTag: Self.etag(record)])
        }
    }

    private func update(_ kind: EntityKind, _ request: Request, _ context: ServerContext, merge: Bool) async throws -> Response {
        let key = try Self.key(kind, context)
        let given = try RecordJSON.values(Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView))
        let ifMatch = request.headers[.ifMatch]
        let record = try await write(kind, context) { writer in
            var values = given
            guard let current = try writer.currentRecord(kind, key: key) else {
                throw APIError.notFound("there is no \(kind.name) record \(key.joined(separator: "/")); POST to create it")
            }
            if let ifMatch, ifMatch != "*", ifMatch != Self.etag(current) {
                throw APIError(.preconditionFailed, "precondition_failed", "the record changed since you read it (ETag \(Self.etag(current)))")
            }
            for (column, value) in zip(kind.keyColumns, key) {
                if let given = values[column] ?? nil, given != value {
                    throw APIError.invalid("\(column) is '\(given)' in the body but '\(value)' in the path; a key cannot change")
                }
                values[column] = value
            }
            if merge { for (column, value) in current.fields where values[column] == nil { values[column] = .some(value) } }
            _ = try RecordInput.write(kind, values: values, to: writer)
            return try writer.currentRecord(kind, key: key)
        }
        return JSON.response(bytes: RecordJSON.bytes(record), headers: [.eTag: Self.etag(record)])
    }

    private func delete(_ kind: EntityKind, _ request: Request, _ context: ServerContext) async throws -> Response {
        let key = try Self.key(kind, context)
        let principal = try Self.principal(context)
        let ifMatch = request.headers[.ifMatch].map(Self.unquoted)
        try translatingErrors {
            try store.delete(kind, key: key, ifMatch: ifMatch == "*" ? nil : ifMatch, actor: principal.actor, requestID: context.requestID)
        }
        return Response(status: .noContent)
    }

    /// Runs `body` as one durable store write audited per row under the caller and request id (sharing a commit
    /// with concurrent writes); returns the record it left. KPI and cube queries see it from then on (they catch the
    /// analytic engine up to the store when they start).
    func write(
        _ kind: EntityKind, _ context: ServerContext, _ body: @escaping @Sendable (any BulkWriter) throws -> Record?
    ) async throws -> Record {
        let principal = try Self.principal(context)
        let record = try await translatingErrors {
            try await store.write(actor: principal.actor, requestID: context.requestID) { writer in
                let record = try body(writer)
                try writer.finishBatch(kind, source: "api")
                return record
            }
        }
        guard let record else { throw APIError(.internalServerError, "internal", "the record was written but could not be read back") }
        return record
    }

    // MARK: Helpers

    static func key(_ kind: EntityKind, _ context: ServerContext) throws -> [String] {
        try kind.keyColumns.map { column in
            guard let value = context.parameters.get(column), !value.isEmpty else { throw APIError.invalid("the path lacks \(column)") }
            return value.removingPercentEncoding ?? value
        }
    }

    static func principal(_ context: ServerContext) throws -> Principal {
        guard let principal = context.principal else { throw APIError.unauthorized }
        return principal
    }

    static func etag(_ record: Record) -> String { "\"\(record.etag)\"" }

    static func unquoted(_ etag: String) -> String {
        etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count >= 2 ? String(etag.dropFirst().dropLast()) : etag
    }
}
