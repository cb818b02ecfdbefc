/// A text encoding of an input file.
///
/// Everything that is not UTF-8 is transcoded to UTF-8 while reading, so the readers always hand out UTF-8 fields.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "utf-8"
    /// GB18030, which includes GBK and GB2312 (what Chinese Excel writes as "CSV").
    case gb18030 = "gb18030"
    /// UTF-16 little endian (Excel's "Unicode text" export on Windows).
    case utf16LE = "utf-16le"
    /// UTF-16 big endian.
    case utf16BE = "utf-16be"

    /// Parses a user-given name, case-insensitive.
    ///
    /// Accepts `utf-8`/`utf8`, `gbk`/`gb2312`/`gb18030`/`cp936` (all read as GB18030, a superset of the others),
    /// `utf-16le`, `utf-16be`, and `utf-16`. For `utf-16` the file's byte-order mark decides the byte order when
    /// reading; without a mark it is little endian, as Excel writes it, so the name maps to `.utf16LE`.
    public init?(name: String) {
        let normalized = String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
        switch normalized {
        case "utf8": self = .utf8
        case "gbk", "gb2312", "gb18030", "cp936", "windows936", "ms936": self = .gb18030
        case "utf16le": self = .utf16LE
        case "utf16be": self = .utf16BE
        case "utf16": self = .utf16LE
        default: return nil
        }
    }

    /// Detects the encoding from the first bytes of a file.
    ///
    /// A UTF-8 or UTF-16 byte-order mark decides. Otherwise the sample is checked as UTF-8 (a multi-byte
    /// sequence cut off at the very end of the sample still counts as valid): valid means `.utf8`, anything
    /// else `.gb18030`.
    public static func detect(sample: some Collection<UInt8>) -> TextEncoding {
        if let result = sample.withContiguousStorageIfAvailable({ detect(buffer: $0) }) {
            return result
        }
        return Array(sample).withUnsafeBufferPointer { detect(buffer: $0) }
    }

    /// The byte-order mark at the start of `bytes`, if any, and its length.
    static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> (encoding: TextEncoding, length: Int)? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return (.utf8, 3) }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return (.utf16LE, 2) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    static func detect(buffer: UnsafeBufferPointer<UInt8>) -> TextEncoding {
        if let mark = byteOrderMark(buffer) { return mark.encoding }
        return isValidUTF8(buffer, allowTruncatedEnd: true) ? .utf8 : .gb18030
    }

    /// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return false
            }
            for offset in 1..<length {
                guard index + offset < count else { return allowTruncatedEnd }
                let byte = base[index + offset]
                if offset == 1 {
                    guard byte >= low && byte <= high else { return false }
                } else {
                    guard byte & 0xC0 == 0x80 else { return false }
                }
            }
            index += length
        }
        return true
    }

    /// The name iconv knows this encoding by.
    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .gb18030: "GB18030"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        }
    }

    /// A human-readable name for error messages.
    var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .gb18030: "GB18030"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        }
    }
}
