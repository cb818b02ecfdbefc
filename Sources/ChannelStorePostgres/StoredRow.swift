import ChannelStore

/// One row read back from PostgreSQL, with typed access that reports a value of the wrong kind as corrupt data.
struct StoredRow: StoreRow {
    let values: [DBValue]

    subscript(index: Int) -> DBValue { values[index] }

    func integer(at index: Int) throws -> Int64 {
        guard case .integer(let value) = values[index] else { throw mismatch(index, "an integer") }
        return value
    }

    func optionalInteger(at index: Int) throws -> Int64? {
        switch values[index] {
        case .integer(let value): return value
        case .null: return nil
        case .text: throw mismatch(index, "an integer")
        }
    }

    func text(at index: Int) throws -> String {
        guard case .text(let value) = values[index] else { throw mismatch(index, "text") }
        return value
    }

    func optionalText(at index: Int) throws -> String? {
        switch values[index] {
        case .text(let value): return value
        case .null: return nil
        case .integer: throw mismatch(index, "text")
        }
    }

    /// A `double precision` column (read as its text) or an integer one.
    func optionalReal(at index: Int) throws -> Double? {
        switch values[index] {
        case .text(let text):
            guard let value = Double(text) else { throw mismatch(index, "a number") }
            return value
        case .integer(let value): return Double(value)
        case .null: return nil
        }
    }

    private func mismatch(_ index: Int, _ expected: String) -> StoreError {
        StoreError(.corrupt, "column \(index + 1) of a stored row is not \(expected) (\(values[index]))")
    }
}
