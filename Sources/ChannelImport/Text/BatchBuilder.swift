/// Growable raw storage in which a reader assembles the next `TextBatch`.
///
/// The readers reserve room for a whole slice of input up front and then write through the raw pointers without
/// capacity checks, which keeps the scanning loops tight. `makeBatch()` copies the contents into arrays.
///
/// `@unchecked Sendable`: a builder is owned by exactly one noncopyable reader and only touched through that
/// reader's mutating methods.
final class BatchBuilder: @unchecked Sendable {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var byteCapacity: Int
    var byteCount = 0

    /// `fieldBounds[0] == 0`; field `k` ends at `fieldBounds[k + 1]`.
    private(set) var fieldBounds: UnsafeMutablePointer<UInt32>
    private(set) var fieldCapacity: Int
    var fieldCount = 0

    /// `recordStarts[0] == 0`; record `r` ends before field `recordStarts[r + 1]`.
    private(set) var recordStarts: UnsafeMutablePointer<UInt32>
    private(set) var lines: UnsafeMutablePointer<Int>
    private(set) var recordCapacity: Int
    var recordCount = 0

    var errors: [TextFormatError] = []

    init() {
        byteCapacity = 1 << 16
        fieldCapacity = 1 << 12
        recordCapacity = 1 << 10
        bytes = .allocate(capacity: byteCapacity)
        fieldBounds = .allocate(capacity: fieldCapacity + 1)
        recordStarts = .allocate(capacity: recordCapacity + 1)
        lines = .allocate(capacity: recordCapacity)
        fieldBounds[0] = 0
        recordStarts[0] = 0
    }

    deinit {
        bytes.deallocate()
        fieldBounds.deallocate()
        recordStarts.deallocate()
        lines.deallocate()
    }

    /// Makes sure that `bytes` more content bytes, `fields` more fields and `records` more records fit.
    func reserve(bytes extraBytes: Int, fields extraFields: Int, records extraRecords: Int) {
        if byteCount + extraBytes > byteCapacity {
            let capacity = Swift.max(byteCapacity * 2, byteCount + extraBytes)
            bytes = Self.grow(bytes, count: byteCount, to: capacity)
            byteCapacity = capacity
        }
        if fieldCount + extraFields > fieldCapacity {
            let capacity = Swift.max(fieldCapacity * 2, fieldCount + extraFields)
            fieldBounds = Self.grow(fieldBounds, count: fieldCount + 1, to: capacity + 1)
            fieldCapacity = capacity
        }
        if recordCount + extraRecords > recordCapacity {
            let capacity = Swift.max(recordCapacity * 2, recordCount + extraRecords)
            recordStarts = Self.grow(recordStarts, count: recordCount + 1, to: capacity + 1)
            lines = Self.grow(lines, count: recordCount, to: capacity)
            recordCapacity = capacity
        }
    }

    /// Ends the current field at the current byte count. Room must have been reserved.
    @inline(__always)
    func endField() {
        fieldCount += 1
        fieldBounds[fieldCount] = UInt32(truncatingIfNeeded: byteCount)
    }

    /// Ends the current record after the last ended field. Room must have been reserved.
    @inline(__always)
    func endRecord(line: Int) {
        lines[recordCount] = line
        recordCount += 1
        recordStarts[recordCount] = UInt32(truncatingIfNeeded: fieldCount)
    }

    /// Appends content bytes. Room must have been reserved.
    @inline(__always)
    func append(_ source: UnsafePointer<UInt8>, count: Int) {
        (bytes + byteCount).initialize(from: source, count: count)
        byteCount += count
    }

    /// Hands out everything collected so far and starts an empty batch.
    func makeBatch() -> TextBatch {
        let batch = TextBatch(
            bytes: Array(UnsafeBufferPointer(start: bytes, count: byteCount)),
            fieldBounds: Array(UnsafeBufferPointer(start: fieldBounds, count: fieldCount + 1)),
            recordStarts: Array(UnsafeBufferPointer(start: recordStarts, count: recordCount + 1)),
            lines: Array(UnsafeBufferPointer(start: lines, count: recordCount)),
            errors: errors
        )
        byteCount = 0
        fieldCount = 0
        recordCount = 0
        errors = []
        return batch
    }

    var isEmpty: Bool { recordCount == 0 && errors.isEmpty }

    private static func grow<T>(_ old: UnsafeMutablePointer<T>, count: Int, to capacity: Int) -> UnsafeMutablePointer<T>
    {
        let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        new.moveInitialize(from: old, count: count)
        old.deallocate()
        return new
    }
}
