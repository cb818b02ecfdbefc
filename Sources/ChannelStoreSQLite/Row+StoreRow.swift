import ChannelStore
import GRDB

/// GRDB's rows read through the store's shared row decoding (`StoreRow`): a value of another kind than asked is a
/// `.corrupt` error instead of GRDB's fatal conversion failure.
extension Row: StoreRow {
    package func integer(at index: Int) throws -> Int64 {
        guard let value = try optionalInteger(at: index) else { throw mismatch(index, "an integer") }
        return value
    }

    package func optionalInteger(at index: Int) throws -> Int64? {
        switch (self[index] as DatabaseValue).storage {
        case .int64(let value): return value
        case .null: return nil
        default: throw mismatch(index, "an integer")
        }
    }

    package func text(at index: Int) throws -> String {
        guard let value = try optionalText(at: index) else { throw mismatch(index, "text") }
        return value
    }

    package func optionalText(at index: Int) throws -> String? {
        switch (self[index] as DatabaseValue).storage {
        case .string(let value): return value
        case .null: return nil
        default: throw mismatch(index, "text")
        }
    }

    package func optionalReal(at index: Int) throws -> Double? {
        switch (self[index] as DatabaseValue).storage {
        case .double(let value): return value
        case .int64(let value): return Double(value)
        case .null: return nil
        default: throw mismatch(index, "a number")
        }
    }

    private func mismatch(_ index: Int, _ expected: String) -> StoreError {
        StoreError(.corrupt, "column \(index + 1) of a stored row is not \(expected) (\(self[index] as DatabaseValue))")
    }
}
