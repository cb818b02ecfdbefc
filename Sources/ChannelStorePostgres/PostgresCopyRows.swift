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
            data.writeString(String(id))
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
        case .integer(let number): data.writeString(String(number))
        case .null: data.writeStaticString("\\N")
        case .text(let text): appendEscaped(text)
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
