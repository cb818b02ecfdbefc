import Foundation

@testable import ChannelDemo

/// A small dataset generated once and shared by the invariant tests.
struct DemoFixture: Sendable {
    static let lines = 3_000
    static let seed: UInt64 = 20_261_126
    static let shared: Result<DemoFixture, any Error> = Result { try DemoFixture(lines: lines, seed: seed) }

    static let fileNames = [
        "regions.csv", "partners.csv", "outlets.csv", "products.csv", "orders.csv", "order_lines.csv",
        "shipments.csv", "inventory_snapshots.csv", "feedback.csv", "complaints.csv",
    ]

    let directory: URL
    let summary: DemoSummary
    let tables: [String: CSVTable]
    let raw: [String: [UInt8]]

    init(lines: Int, seed: UInt64) throws {
        directory = try Self.makeTemporaryDirectory()
        summary = try DemoDataset(lines: lines, seed: seed).write(to: directory)
        var tables: [String: CSVTable] = [:]
        var raw: [String: [UInt8]] = [:]
        for name in Self.fileNames {
            let bytes = [UInt8](try Data(contentsOf: directory.appending(path: name)))
            raw[name] = bytes
            tables[name] = try CSVTable.parse(bytes)
        }
        self.tables = tables
        self.raw = raw
    }

    func table(_ name: String) -> CSVTable {
        tables[name] ?? CSVTable(header: [], rows: [])
    }

    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "channel-demo-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Parsing helpers for the value formats of DATASET.md.
enum Formats {
    /// 2026-10-31T23:59:59Z as seconds since 1970.
    static let now = 1_793_491_199
    /// 2024-11-01T00:00:00Z as seconds since 1970.
    static let windowStart = 1_730_419_200

    /// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SSZ`, or nil when the text has another shape.
    static func timestamp(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A, bytes[19] == 0x5A,
            let days = civilDays(bytes),
            let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
            hour < 24, minute < 60, second < 60
        else { return nil }
        return days * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// Days since 1970 of the `YYYY-MM-DD` at the start of `bytes` (Gregorian, checked month lengths).
    private static func civilDays(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
            let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
            (1...12).contains(month)
        else { return nil }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        var days = 0
        if year >= 1970 {
            for y in 1970..<year { days += (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365 }
        } else {
            return nil
        }
        for m in 0..<(month - 1) { days += lengths[m] }
        return days + day - 1
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Int? {
        var value = 0
        for index in start..<(start + length) {
            let byte = bytes[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// Days since 1970 of `YYYY-MM-DD`, or nil.
    static func date(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        return civilDays(bytes)
    }

    /// Value in hundredths (or thousandths, tenths) of a decimal with exactly `scale` decimals.
    static func fixed(_ text: String, scale: Int) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == scale, !parts[0].isEmpty,
            parts[0].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isASCII),
            let whole = Int(parts[0]), let fraction = Int(parts[1]), fraction >= 0, whole >= 0
        else { return nil }
        var factor = 1
        for _ in 0..<scale { factor *= 10 }
        return whole * factor + fraction
    }

    /// A non-negative integer written with digits only.
    static func integer(_ text: String) -> Int? {
        var value = 0
        var digits = 0
        for byte in text.utf8 {
            guard byte >= 0x30, byte <= 0x39, digits < 18 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    /// Whether `text` is a prefix followed by exactly `digits` digits.
    static func isID(_ text: String, prefix: String, digits: Int) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let rest = text.dropFirst(prefix.count)
        return rest.count == digits && rest.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
