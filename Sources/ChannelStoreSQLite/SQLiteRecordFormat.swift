import ChannelStore
import Foundation

/// SQLite's record format and variable-length integers, as the file format specifies them
/// (https://www.sqlite.org/fileformat2.html, "Record Format"), for writing b-tree pages directly (`BTreeBuilder`).
///
/// Written here rather than taken from a package: no Swift package writes SQLite's file format, and a fresh load
/// needs exactly this much of it.
enum SQLiteRecordFormat {
    /// The bytes `appendVarint` writes for `value`.
    static func varintLength(_ value: UInt64) -> Int {
        if value <= 0x7f { return 1 }
        if value > 0x00ff_ffff_ffff_ffff { return 9 }
        var length = 1
        var rest = value >> 7
        while rest > 0 {
            length += 1
            rest >>= 7
        }
        return length
    }

    /// Big-endian groups of 7 bits, the high bit set on every byte but the last; a ninth byte carries 8 bits.
    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        if value <= 0x7f {
            bytes.append(UInt8(value))
            return
        }
        if value > 0x00ff_ffff_ffff_ffff {
            var rest = value >> 8
            var groups = [UInt8](repeating: 0, count: 8)
            for index in (0..<8).reversed() {
                groups[index] = UInt8(rest & 0x7f) | 0x80
                rest >>= 7
            }
            bytes.append(contentsOf: groups)
            bytes.append(UInt8(value & 0xff))
            return
        }
        let length = varintLength(value)
        for index in (0..<length).reversed() {
            let group = UInt8((value >> (7 * UInt64(index))) & 0x7f)
            bytes.append(index == 0 ? group : group | 0x80)
        }
    }

    /// Writes `value` as a varint at `target`, which has room for 9 bytes; returns its length.
    @inline(__always)
    static func writeVarint(_ value: UInt64, to target: UnsafeMutablePointer<UInt8>) -> Int {
        if value <= 0x7f {
            target.pointee = UInt8(value)
            return 1
        }
        if value > 0x00ff_ffff_ffff_ffff {
            var rest = value >> 8
            for index in (0..<8).reversed() {
                target[index] = UInt8(rest & 0x7f) | 0x80
                rest >>= 7
            }
            target[8] = UInt8(value & 0xff)
            return 9
        }
        let length = varintLength(value)
        for index in 0..<length {
            let group = UInt8((value >> (7 * UInt64(length - 1 - index))) & 0x7f)
            target[index] = index == length - 1 ? group : group | 0x80
        }
        return length
    }

    /// Reads a varint at `offset`; returns the value and its length.
    static func readVarint(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (value: UInt64, length: Int) {
        var value: UInt64 = 0
        for index in 0..<8 {
            let byte = bytes[offset + index]
            value = value << 7 | UInt64(byte & 0x7f)
            if byte & 0x80 == 0 { return (value, index + 1) }
        }
        return (value << 8 | UInt64(bytes[offset + 8]), 9)
    }

    /// Compares two records of the same columns as SQLite orders index keys with the BINARY collation: NULL first,
    /// then numbers by value, then text by its bytes (a prefix first).
    static func compareRecords(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
        var leftHeader = Cursor(record: left)
        var rightHeader = Cursor(record: right)
        while let leftType = leftHeader.nextType(), let rightType = rightHeader.nextType() {
            let leftValue = leftHeader.take(leftType)
            let rightValue = rightHeader.take(rightType)
            let order = compare(leftType, leftValue, rightType, rightValue)
            if order != 0 { return order }
        }
        return 0
    }

    private static func compare(_ leftType: UInt64, _ left: UnsafeRawBufferPointer, _ rightType: UInt64, _ right: UnsafeRawBufferPointer) -> Int {
        let leftClass = typeClass(leftType)
        let rightClass = typeClass(rightType)
        if leftClass != rightClass { return leftClass - rightClass }
        switch leftClass {
        case 0: return 0
        case 1:
            let a = integer(leftType, left)
            let b = integer(rightType, right)
            return a < b ? -1 : (a > b ? 1 : 0)
        default:
            let common = min(left.count, right.count)
            if common > 0, let a = left.baseAddress, let b = right.baseAddress {
                let order = Int(memcmp(a, b, common))
                if order != 0 { return order }
            }
            return left.count - right.count
        }
    }

    /// 0 NULL, 1 integer, 2 text or blob (the loader writes no reals or blobs).
    private static func typeClass(_ type: UInt64) -> Int {
        switch type {
        case 0: 0
        case 1...6, 8, 9: 1
        default: 2
        }
    }

    private static func integer(_ type: UInt64, _ body: UnsafeRawBufferPointer) -> Int64 {
        switch type {
        case 8: return 0
        case 9: return 1
        default:
            var value = Int64(Int8(bitPattern: body[0]))  // sign from the first byte
            for index in 1..<body.count { value = value << 8 | Int64(body[index]) }
            return value
        }
    }

    /// Walks a record's header and body together.
    private struct Cursor {
        let record: UnsafeRawBufferPointer
        var headerOffset: Int
        let headerEnd: Int
        var bodyOffset: Int

        init(record: UnsafeRawBufferPointer) {
            self.record = record
            let (length, varint) = readVarint(record, at: 0)
            headerOffset = varint
            headerEnd = Int(length)
            bodyOffset = Int(length)
        }

        mutating func nextType() -> UInt64? {
            guard headerOffset < headerEnd else { return nil }
            let (type, length) = readVarint(record, at: headerOffset)
            headerOffset += length
            return type
        }

        mutating func take(_ type: UInt64) -> UnsafeRawBufferPointer {
            let length: Int
            switch type {
            case 0, 8, 9: length = 0
            case 1, 2, 3, 4: length = Int(type)
            case 5: length = 6
            case 6, 7: length = 8
            default: length = Int(type - 12) / 2
            }
            defer { bodyOffset += length }
            return UnsafeRawBufferPointer(rebasing: record[bodyOffset..<bodyOffset + length])
        }
    }
}
