/// Scans one line of JSON Lines: a flat JSON object whose values are strings, numbers, booleans or null.
///
/// Strings are unescaped to UTF-8; numbers keep their source text exactly (`12.30` stays `12.30`); `true`/`false`
/// become those words; null leaves the field empty. Values are collected per column of the key table, in the
/// order of the table, whatever the order of the keys on the line.
struct JSONObjectScanner: Sendable {
    /// What a line turned out to be.
    enum Outcome {
        /// Only whitespace.
        case blank
        /// An object; `value(column)` spans are set.
        case record
        /// Not a valid flat object.
        case error(TextFormatError)
    }

    private struct Failure: Error {
        var reason: String
        var column: Int?
    }

    /// Key names in column order.
    private(set) var keys: [String] = []
    private var keyBytes: [[UInt8]] = []
    /// When set, unknown keys are added to the table (the header discovery pass); otherwise they are ignored.
    var discoversKeys = false

    /// Unescaped values of the current line, back to back.
    private(set) var scratch: [UInt8] = []
    /// `spans[c]` is the range of column `c`'s value in `scratch` (empty when absent or null).
    private(set) var spans: [Range<Int>] = []
    private var key: [UInt8] = []

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// Scans `input[0..<count]`, the text of physical line `line` without its line break.
    mutating func scan(_ input: UnsafePointer<UInt8>, count: Int, line: Int) -> Outcome {
        do {
            return try scanObject(input, count: count) ? .record : .blank
        } catch {
            return .error(TextFormatError(line: line, column: error.column, reason: error.reason))
        }
    }

    private mutating func scanObject(_ p: UnsafePointer<UInt8>, count n: Int) throws(Failure) -> Bool {
        var i = Self.skipSpace(p, n, 0)
        if i == n { return false }
        guard p[i] == UInt8(ascii: "{") else { throw Failure(reason: "line is not a JSON object") }
        scratch.removeAll(keepingCapacity: true)
        for column in spans.indices { spans[column] = 0..<0 }
        i = Self.skipSpace(p, n, i + 1)
        if i < n && p[i] == UInt8(ascii: "}") {
            return try finishObject(p, n, i + 1)
        }
        var predicted = 0
        while true {
            guard i < n, p[i] == Self.quote else {
                throw Failure(reason: "expected a key in double quotes, found \(Self.describe(p, n, i))")
            }
            key.removeAll(keepingCapacity: true)
            i = try Self.parseString(p, n, i, into: &key, context: "a key")
            let column = lookUp(predicted: predicted)
            if let column { predicted = column + 1 }
            let currentKey = key
            func name() -> String { String(decoding: currentKey, as: UTF8.self) }
            let columnNumber = column.map { $0 + 1 }
            i = Self.skipSpace(p, n, i)
            guard i < n, p[i] == UInt8(ascii: ":") else {
                throw Failure(reason: "expected ':' after key \"\(name())\"", column: columnNumber)
            }
            i = Self.skipSpace(p, n, i + 1)
            guard i < n else {
                throw Failure(reason: "missing value for key \"\(name())\"", column: columnNumber)
            }
            let start = scratch.count
            switch p[i] {
            case Self.quote:
                i = try Self.parseString(
                    p,
                    n,
                    i,
                    into: &scratch,
                    context: "the value of key \"\(name())\"",
                    column: columnNumber
                )
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let end = Self.scanNumber(p, n, i)
                guard end > i, Self.isValueEnd(p, n, end) else {
                    throw Failure(reason: "invalid number for key \"\(name())\"", column: columnNumber)
                }
                scratch.append(contentsOf: UnsafeBufferPointer(start: p + i, count: end - i))
                i = end
            case UInt8(ascii: "t"):
                i = try literal("true", p, n, i, name: name(), column: columnNumber, keep: true)
            case UInt8(ascii: "f"):
                i = try literal("false", p, n, i, name: name(), column: columnNumber, keep: true)
            case UInt8(ascii: "n"):
                i = try literal("null", p, n, i, name: name(), column: columnNumber, keep: false)
            case UInt8(ascii: "{"):
                throw Failure(reason: "nested object in key \"\(name())\" is not supported", column: columnNumber)
            case UInt8(ascii: "["):
                throw Failure(reason: "array in key \"\(name())\" is not supported", column: columnNumber)
            default:
                throw Failure(
                    reason: "invalid value for key \"\(name())\": unexpected \(Self.describe(p, n, i))",
                    column: columnNumber
                )
            }
            if let column { spans[column] = start..<scratch.count }
            i = Self.skipSpace(p, n, i)
            guard i < n else {
                throw Failure(reason: "line ends before the object is closed with '}'", column: columnNumber)
            }
            if p[i] == UInt8(ascii: ",") {
                i = Self.skipSpace(p, n, i + 1)
                continue
            }
            if p[i] == UInt8(ascii: "}") {
                return try finishObject(p, n, i + 1)
            }
            throw Failure(
                reason: "expected ',' or '}' after the value of key \"\(name())\", found \(Self.describe(p, n, i))",
                column: columnNumber
            )
        }
    }

    private func finishObject(_ p: UnsafePointer<UInt8>, _ n: Int, _ after: Int) throws(Failure) -> Bool {
        let i = Self.skipSpace(p, n, after)
        guard i == n else { throw Failure(reason: "unexpected \(Self.describe(p, n, i)) after the closing '}'") }
        return true
    }

    /// The column of `key`, trying the column after the previous key first. Adds the key when discovering.
    private mutating func lookUp(predicted: Int) -> Int? {
        if predicted < keyBytes.count && keyBytes[predicted] == key { return predicted }
        for column in keyBytes.indices where keyBytes[column] == key { return column }
        guard discoversKeys else { return nil }
        keyBytes.append(key)
        keys.append(String(decoding: key, as: UTF8.self))
        spans.append(0..<0)
        return keyBytes.count - 1
    }

    /// Parses the string starting at the quote `p[start]`, appending its unescaped bytes; returns the index after
    /// the closing quote.
    private static func parseString(
        _ p: UnsafePointer<UInt8>,
        _ n: Int,
        _ start: Int,
        into output: inout [UInt8],
        context: @autoclosure () -> String,
        column: Int? = nil
    ) throws(Failure) -> Int {
        var i = start + 1
        var run = i
        while i < n {
            let byte = p[i]
            if byte == Self.quote {
                output.append(contentsOf: UnsafeBufferPointer(start: p + run, count: i - run))
                return i + 1
            }
            if byte == Self.backslash {
                output.append(contentsOf: UnsafeBufferPointer(start: p + run, count: i - run))
                i = try Self.parseEscape(p, n, i, into: &output, context: context(), column: column)
                run = i
                continue
            }
            if byte < 0x20 {
                throw Failure(
                    reason: "control character \(ByteDescription.hex(byte)) in \(context()) must be escaped",
                    column: column
                )
            }
            i += 1
        }
        throw Failure(reason: "string in \(context()) is not closed before the end of the line", column: column)
    }

    /// Decodes the escape at the backslash `p[start]`; returns the index after it.
    private static func parseEscape(
        _ p: UnsafePointer<UInt8>,
        _ n: Int,
        _ start: Int,
        into output: inout [UInt8],
        context: String,
        column: Int?
    ) throws(Failure) -> Int {
        guard start + 1 < n else {
            throw Failure(reason: "string in \(context) is not closed before the end of the line", column: column)
        }
        let simple: UInt8
        switch p[start + 1] {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            guard let unit = Self.hex4(p, n, start + 2) else {
                throw Failure(reason: "invalid \\u escape in \(context): expected 4 hex digits", column: column)
            }
            var scalar = UInt32(unit)
            var end = start + 6
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard end + 1 < n, p[end] == Self.backslash, p[end + 1] == UInt8(ascii: "u"),
                    let low = Self.hex4(p, n, end + 2), low >= 0xDC00 && low <= 0xDFFF
                else {
                    throw Failure(reason: "unpaired surrogate \\u\(Self.hexText(unit)) in \(context)", column: column)
                }
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                end += 6
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw Failure(reason: "unpaired surrogate \\u\(Self.hexText(unit)) in \(context)", column: column)
            }
            Self.appendUTF8(scalar, to: &output)
            return end
        default:
            throw Failure(
                reason: "invalid escape '\\\(Self.describeRaw(p, n, start + 1))' in \(context)",
                column: column
            )
        }
        output.append(simple)
        return start + 2
    }

    private static func hex4(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) -> UInt16? {
        guard start + 4 <= n else { return nil }
        var value: UInt16 = 0
        for offset in 0..<4 {
            let byte = p[start + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func hexText(_ unit: UInt16) -> String {
        let text = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - text.count) + text
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The end of the JSON number starting at `start`, or `start` when there is none.
    private static func scanNumber(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) -> Int {
        func isDigit(_ i: Int) -> Bool { i < n && p[i] >= UInt8(ascii: "0") && p[i] <= UInt8(ascii: "9") }
        var i = start
        if i < n && p[i] == UInt8(ascii: "-") { i += 1 }
        if i < n && p[i] == UInt8(ascii: "0") {
            i += 1
        } else if isDigit(i) {
            while isDigit(i) { i += 1 }
        } else {
            return start
        }
        if i < n && p[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return start }
            while isDigit(i) { i += 1 }
        }
        if i < n && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(i) else { return start }
            while isDigit(i) { i += 1 }
        }
        return i
    }

    /// True when a value may end before `p[i]` (whitespace, `,`, `}` or the end of the line).
    private static func isValueEnd(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Bool {
        guard i < n else { return true }
        switch p[i] {
        case UInt8(ascii: ","), UInt8(ascii: "}"), 0x20, 0x09, 0x0D, 0x0A: return true
        default: return false
        }
    }

    private mutating func literal(
        _ word: StaticString,
        _ p: UnsafePointer<UInt8>,
        _ n: Int,
        _ start: Int,
        name: @autoclosure () -> String,
        column: Int?,
        keep: Bool
    ) throws(Failure) -> Int {
        let length = word.utf8CodeUnitCount
        let matches = start + length <= n && Self.memcmpEqual(p + start, word.utf8Start, length)
        guard matches, Self.isValueEnd(p, n, start + length) else {
            throw Failure(
                reason: "invalid value for key \"\(name())\": unexpected \(Self.describe(p, n, start))",
                column: column
            )
        }
        if keep { scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: length)) }
        return start + length
    }

    private static func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for offset in 0..<count where a[offset] != b[offset] { return false }
        return true
    }

    private static func skipSpace(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) -> Int {
        var i = start
        while i < n {
            switch p[i] {
            case 0x20, 0x09, 0x0D, 0x0A: i += 1
            default: return i
            }
        }
        return i
    }

    /// `'x'` or `the end of the line`.
    private static func describe(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> String {
        guard i < n else { return "the end of the line" }
        return ByteDescription.character(at: p + i, available: n - i)
    }

    /// The character at `p[i]` without quotes, for an escape.
    private static func describeRaw(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> String {
        let byte = p[i]
        if byte >= 0x20 && byte < 0x7F { return String(UnicodeScalar(byte)) }
        return ByteDescription.hex(byte)
    }
}
