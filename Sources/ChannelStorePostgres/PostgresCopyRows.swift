import ChannelStore
import NIOCore

/// Rows in the text format of `COPY ... FROM STDIN`, ready to stream: fields separated by tabs, one row per line,
/// NULL as `\N`, and backslash, tab, line feed and carriage return escaped with a backslash (PostgreSQL's rules for
/// that format; every other byte goes as it is).
struct PostgresCopyRows {
    private(set) var data: ByteBuffer
    private(set) var count = 0

    init(capacity: Int = 1 << 16) {
        data = ByteBufferAllocator().buffer(capacity: capacity)
    }

    var isEmpty: Bool { count == 0 }
    var byteCount: Int { data.readableBytes }

    /// Appends one row: `id` first when given, then `values`.
    mutating func append(id: Int64? = nil, _ values: [DBValue]) {
        var first = true
        if let id {
            appendDecimal(id)
            first = false
        }
        for value in values {
            if !first { data.writeInteger(UInt8(ascii: "\t")) }
            first = false
            append(value)
        }
        data.writeInteger(UInt8(ascii: "\n"))
        count += 1
    }

    /// Forgets the rows, keeping the storage for the next ones.
    mutating func removeAll() {
        data.clear()
        count = 0
    }

    private mutating func append(_ value: DBValue) {
        switch value {
        case .integer(let number): appendDecimal(number)
        case .null: data.writeStaticString("\\N")
        case .text(let text): appendEscaped(text)
        }
    }

    /// Writes `number` in decimal straight into the buffer: `String(number)` would make a string (an allocation) for
    /// each of the tens of millions of integers a large import sends (about a tenth of its CPU, measured).
    private mutating func appendDecimal(_ number: Int64) {
        data.writeWithUnsafeMutableBytes(minimumWritableBytes: 20) { out in
            var magnitude = number.magnitude
            var digits = 1
            var rest = magnitude / 10
            while rest > 0 {
                digits += 1
                rest /= 10
            }
            let sign = number < 0 ? 1 : 0
            if sign == 1 { out[0] = UInt8(ascii: "-") }
            var index = sign + digits
            repeat {
                index -= 1
                out[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            return sign + digits
        }
    }

    private mutating func appendEscaped(_ text: String) {
        var text = text
        let done = text.withUTF8 { bytes in
            // Most values need no escape: copied in one go.
            guard bytes.contains(where: Self.needsEscape) else {
                data.writeBytes(bytes)
                return true
            }
            return false
        }
        guard !done else { return }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): data.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): data.writeStaticString("\\t")
            case UInt8(ascii: "\n"): data.writeStaticString("\\n")
            case UInt8(ascii: "\r"): data.writeStaticString("\\r")
            default: data.writeInteger(byte)
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
