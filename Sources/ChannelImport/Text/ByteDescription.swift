/// Describes bytes for error messages: printable ASCII as a quoted character, a valid UTF-8 sequence as the
/// character it encodes, anything else in hex.
enum ByteDescription {
    /// `'x'`, `'订'`, or `byte 0x09`.
    static func character(at start: UnsafePointer<UInt8>, available: Int) -> String {
        let lead = start[0]
        if lead >= 0x20 && lead < 0x7F {
            return "'\(String(UnicodeScalar(lead)))'"
        }
        if lead >= 0xC2 && lead <= 0xF4 {
            let length = lead >= 0xF0 ? 4 : (lead >= 0xE0 ? 3 : 2)
            if available >= length {
                let bytes = UnsafeBufferPointer(start: start, count: length)
                if TextEncoding.isValidUTF8(bytes, allowTruncatedEnd: false) {
                    return "'\(String(decoding: bytes, as: UTF8.self))'"
                }
            }
        }
        return "byte \(hex(lead))"
    }

    /// `0x81 0x20`.
    static func hexList(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map(hex).joined(separator: " ")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits: [Character] = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    /// `64 MiB` or `100 bytes`.
    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
