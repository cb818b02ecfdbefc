/// Random bytes and their text forms. Every credential draws from `SystemRandomNumberGenerator` (the operating
/// system's cryptographically secure source: getrandom on Linux, arc4random on Apple platforms).
enum Randomness {
    /// `count` random bytes.
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            var word = generator.next()
            for _ in 0..<min(8, count - bytes.count) {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return bytes
    }

    /// `count` characters drawn uniformly from `alphabet`.
    static func string(_ count: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        for _ in 0..<count {
            // `randomElement(using:)` draws an unbiased index (no modulo bias whatever the alphabet's size).
            if let character = alphabet.randomElement(using: &generator) { text.append(character) }
        }
        return text
    }
}

/// Lowercase hexadecimal text.
enum Hex {
    static let digits = Array("0123456789abcdef")

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    /// Whether `text` is exactly `count` lowercase hexadecimal digits.
    static func isHex(_ text: Substring, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
