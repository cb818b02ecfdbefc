import ChannelStore
import NIOCore
import Testing

@testable import ChannelStorePostgres

/// The text format of `COPY ... FROM STDIN` that imports stream: integers in decimal (written digit by digit), NULL
/// as `\N`, text with backslash, tab, line feed and carriage return escaped.
@Suite struct PostgresCopyRowsTests {
    static func text(_ rows: PostgresCopyRows) -> String { String(buffer: rows.data) }

    @Test func integersAreWrittenAsTheirDecimalDigits() {
        let numbers: [Int64] = [0, 7, -7, 10, 99, 100, 1_000_000, -1_234_567_890, .max, .min, .max - 1, .min + 1]
        var rows = PostgresCopyRows(capacity: 4)
        rows.append(id: 42, numbers.map(DBValue.integer))
        #expect(Self.text(rows) == (["42"] + numbers.map(String.init)).joined(separator: "\t") + "\n")
        for number in (0..<2_000).map({ _ in Int64.random(in: .min ... .max) >> Int64.random(in: 0...62) }) {
            var one = PostgresCopyRows(capacity: 1)
            one.append([.integer(number)])
            #expect(Self.text(one) == "\(number)\n")
        }
    }

    @Test func textIsEscapedAndNullsMarked() {
        var rows = PostgresCopyRows()
        rows.append([.text("plain 中文"), .null, .text("a\\b\tc\nd\re"), .text("")])
        rows.append(id: nil, [.integer(1)])
        #expect(rows.count == 2)
        #expect(Self.text(rows) == "plain 中文\t\\N\ta\\\\b\\tc\\nd\\re\t\n1\n")
        rows.removeAll()
        #expect(rows.isEmpty && rows.byteCount == 0)
    }
}
