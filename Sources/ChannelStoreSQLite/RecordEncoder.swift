import ChannelStore

/// Encodes rows as records of SQLite's record format (https://www.sqlite.org/fileformat2.html, "Record Format"):
/// a header of serial types, then the values.
///
/// A record is built value by value (`begin`, `add`, `finish`) in a single pass: the serial types and the body go
/// to buffers of their own and are joined at the end, so no value is looked at twice. The buffers are raw memory
/// kept for the encoder's life, written without bounds or uniqueness checks: a load encodes tens of millions of
/// records, and array bookkeeping per byte cost more than the encoding itself.
final class RecordEncoder {
    private var types: UnsafeMutablePointer<UInt8>
    private var typesCapacity = 256
    private var typesCount = 0
    private var body: UnsafeMutablePointer<UInt8>
    private var bodyCapacity = 4096
    private var bodyCount = 0
    private var record: UnsafeMutablePointer<UInt8>
    private var recordCapacity = 4096

    init() {
        types = .allocate(capacity: typesCapacity)
        body = .allocate(capacity: bodyCapacity)
        record = .allocate(capacity: recordCapacity)
    }

    deinit {
        types.deallocate()
        body.deallocate()
        record.deallocate()
    }

    func begin() {
        typesCount = 0
        bodyCount = 0
    }

    @inline(__always)
    func add(_ value: DBValue) {
        switch value {
        case .null:
            addType(0)
        case .integer(let number):
            add(number)
        case .text(let text):
            let utf8 = text.utf8
            addType(13 + 2 * UInt64(utf8.count))
            let copied: Void? = utf8.withContiguousStorageIfAvailable { bytes in
                reserveBody(bytes.count)
                if let source = bytes.baseAddress { (body + bodyCount).update(from: source, count: bytes.count) }
                bodyCount += bytes.count
            }
            if copied == nil {
                reserveBody(utf8.count)
                for byte in utf8 {
                    body[bodyCount] = byte
                    bodyCount += 1
                }
            }
        }
    }

    /// An integer as the smallest serial type that holds it: 0 and 1 as types 8 and 9 (no body), else 1, 2, 3, 4,
    /// 6 or 8 big-endian bytes.
    @inline(__always)
    func add(_ number: Int64) {
        let (type, length): (UInt64, Int) =
            switch number {
            case 0: (8, 0)
            case 1: (9, 0)
            case -128...127: (1, 1)
            case -32768...32767: (2, 2)
            case -8_388_608...8_388_607: (3, 3)
            case -2_147_483_648...2_147_483_647: (4, 4)
            case -140_737_488_355_328...140_737_488_355_327: (5, 6)
            default: (6, 8)
            }
        addType(type)
        reserveBody(8)
        var shift = 8 * (length - 1)
        while shift >= 0 {
            body[bodyCount] = UInt8(truncatingIfNeeded: number >> Int64(shift))
            bodyCount += 1
            shift -= 8
        }
    }

    @inline(__always)
    private func addType(_ type: UInt64) {
        if typesCount + 9 > typesCapacity { grow(&types, &typesCapacity, to: typesCount + 9, count: typesCount) }
        if type <= 0x7f {
            types[typesCount] = UInt8(type)
            typesCount += 1
        } else {
            typesCount += SQLiteRecordFormat.writeVarint(type, to: types + typesCount)
        }
    }

    @inline(__always)
    private func reserveBody(_ extra: Int) {
        if bodyCount + extra > bodyCapacity { grow(&body, &bodyCapacity, to: bodyCount + extra, count: bodyCount) }
    }

    private func grow(_ buffer: inout UnsafeMutablePointer<UInt8>, _ capacity: inout Int, to needed: Int, count: Int) {
        let larger = max(needed, capacity * 2)
        let replacement = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        replacement.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = replacement
        capacity = larger
    }

    /// The record of the values added since `begin`, in the encoder's own memory: valid until the next `finish` or
    /// `encode`, and never to be kept longer. Handing out the bytes where they lie, instead of an array slice, spares
    /// a retain and a release per record (tens of millions in a load).
    func finish() -> UnsafeBufferPointer<UInt8> {
        // The header's length counts its own varint.
        var headerLength = typesCount + 1
        while SQLiteRecordFormat.varintLength(UInt64(headerLength)) + typesCount != headerLength { headerLength += 1 }
        let total = headerLength + bodyCount
        if recordCapacity < total {
            record.deallocate()
            recordCapacity = max(total, 2 * recordCapacity)
            record = .allocate(capacity: recordCapacity)
        }
        let lengthBytes = headerLength - typesCount
        _ = SQLiteRecordFormat.writeVarint(UInt64(headerLength), to: record)
        (record + lengthBytes).update(from: types, count: typesCount)
        (record + headerLength).update(from: body, count: bodyCount)
        return UnsafeBufferPointer(start: record, count: total)
    }

    /// The record of `values`, valid as `finish`'s.
    func encode(_ values: [DBValue]) -> UnsafeBufferPointer<UInt8> {
        begin()
        for value in values { add(value) }
        return finish()
    }
}
