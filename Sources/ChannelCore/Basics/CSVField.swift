import Foundation

/// A field of an RFC 4180 CSV file: quoted only when it holds a comma, a quote or a line break, with quotes doubled.
public enum CSVField {
    public static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
