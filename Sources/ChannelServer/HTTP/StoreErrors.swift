import ChannelImport
import ChannelStore
import HTTPTypes

extension APIError {
    /// The API's answer to a store or import error: the status its code stands for, its message (store messages
    /// name tables and values, never SQL), and for a refused record each column, value and reason.
    static func from(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError: return error
        case let rejected as RecordRejected:
            return .invalid(
                "the record breaks \(rejected.issues.count == 1 ? "a rule" : "\(rejected.issues.count) rules")",
                details: rejected.issues.map { Detail(field: $0.column.isEmpty ? nil : $0.column, value: $0.value, reason: $0.reason) })
        case let error as StoreError:
            switch error.code {
            case .notFound: return .notFound(error.message)
            case .conflict, .constraint: return .conflict(error.message)
            case .invalid: return .invalid(error.message)
            case .preconditionFailed: return APIError(.preconditionFailed, "precondition_failed", error.message)
            default: return nil
            }
        default: return nil
        }
    }
}

/// Runs `body`, answering store and import errors in the API's shape.
func translatingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw APIError.from(error) ?? error
    }
}

/// `translatingErrors` for an asynchronous body.
func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw APIError.from(error) ?? error
    }
}
