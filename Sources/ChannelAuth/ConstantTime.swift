/// Comparisons whose duration does not depend on where two secrets differ, so that timing cannot reveal how much of
/// a guess was right.
public enum ConstantTime {
    /// Whether two byte sequences are equal, reading every byte of both when their lengths agree. (The length is not
    /// hidden: every Qudao secret and hash has a fixed, public length.)
    public static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    /// Whether two strings have the same UTF-8 bytes (CSRF tokens, hashes), compared in constant time.
    public static func equals(_ a: String, _ b: String) -> Bool { equals(Array(a.utf8), Array(b.utf8)) }
}
