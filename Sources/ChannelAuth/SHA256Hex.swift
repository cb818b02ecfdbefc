import Crypto
import Foundation

/// SHA-256 as lowercase hexadecimal: how the store keeps session tokens and API key secrets.
///
/// A fast hash is enough for these (unlike passwords): they are 256 random bits, so there is no dictionary to try.
enum SHA256Hex {
    static func digest(of text: String) -> String { Hex.encode(SHA256.hash(data: Array(text.utf8))) }
}
