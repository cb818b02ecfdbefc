import Foundation
import Testing

@testable import ChannelImport

/// Compares the reader with a slow, obviously correct parser on random documents, read in slices of every small size,
/// so the resumable state machine and its fast paths are checked at every possible border.
struct CSVReaderRandomTests {
    /// A small deterministic generator (SplitMix64).
    private struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static let pieces: [String] = [
        "a", "bc", "0123456789", "SO000000001", ",", ",", ",", "\"", "\"", "\"\"", "\n", "\n", "\r\n", "\r", "é", "订单",
        " ",
    ]

    @Test func matchesReferenceParserOnRandomDocuments() throws {
        var generator = Generator(state: 42)
        let folder = try TextTestFolder()
        for document in 0..<300 {
            var text = "h\n"
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                text += Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)]
            }
            let expected = Self.reference(Array(text.utf8), delimiter: UInt8(ascii: ","))
            let url = try folder.file(text, named: "random\(document).csv")
            for sliceSize in [1, 2, 3, 5, 7, 8, 9, 16, 1 << 18] {
                var reader = try CSVReader(
                    url: url,
                    encoding: .utf8,
                    delimiter: UInt8(ascii: ","),
                    chunkSize: sliceSize < 8 ? 8 : 4 << 20,
                    sliceSize: sliceSize
                )
                #expect(reader.header == ["h"])
                var result = try TextTestSupport.readAll(&reader, maxRecords: sliceSize)
                result.errors = result.errors.map(Self.normalized)
                #expect(
                    result.records == expected.records,
                    "document \(document), slice \(sliceSize): \(text.debugDescription)")
                #expect(
                    result.lines == expected.lines, "document \(document), slice \(sliceSize): \(text.debugDescription)"
                )
                #expect(
                    result.errors == expected.errors,
                    "document \(document), slice \(sliceSize): \(text.debugDescription)")
            }
        }
    }

    /// The character named in "unexpected character 'x' after closing quote" depends on whether a multi-byte
    /// character is split at a slice border; compare without it.
    private static func normalized(_ error: TextFormatError) -> TextFormatError {
        var error = error
        if error.reason.hasPrefix("unexpected character") { error.reason = "unexpected character after closing quote" }
        return error
    }

    /// A direct transcription of the rules, byte by byte, on the whole document. The first record is the header.
    private static func reference(
        _ bytes: [UInt8],
        delimiter: UInt8
    ) -> (records: [[String]], lines: [Int], errors: [TextFormatError]) {
        let quote = UInt8(ascii: "\"")
        var records: [[String]] = []
        var lines: [Int] = []
        var errors: [TextFormatError] = []
        var index = 0
        var line = 1
        let count = bytes.count
        func newline(_ at: Int) -> Int {
            guard at < count else { return 0 }
            if bytes[at] == 0x0A { return 1 }
            if bytes[at] == 0x0D { return at + 1 < count && bytes[at + 1] == 0x0A ? 2 : 1 }
            return 0
        }
        func skipLine() {
            while index < count && newline(index) == 0 { index += 1 }
            if index < count {
                index += newline(index)
                line += 1
            }
        }
        while index < count {
            let length = newline(index)
            if length > 0 {
                index += length
                line += 1
                continue
            }
            let recordLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var valid = true
            fieldLoop: while true {
                if index < count && bytes[index] == quote {
                    let quoteLine = line
                    let column = fields.count + 1
                    index += 1
                    var closed = false
                    while index < count {
                        if bytes[index] == quote {
                            if index + 1 < count && bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        let length = newline(index)
                        if length > 0 {
                            line += 1
                            field += bytes[index..<(index + length)]
                            index += length
                            continue
                        }
                        field.append(bytes[index])
                        index += 1
                    }
                    guard closed else {
                        errors.append(
                            TextFormatError(
                                line: quoteLine,
                                column: column,
                                reason: "quoted field opened on line \(quoteLine) is never closed"
                            )
                        )
                        valid = false
                        break fieldLoop
                    }
                    if index == count {
                        fields.append(String(decoding: field, as: UTF8.self))
                        break fieldLoop
                    }
                    if bytes[index] == delimiter {
                        fields.append(String(decoding: field, as: UTF8.self))
                        field = []
                        index += 1
                        continue fieldLoop
                    }
                    let length = newline(index)
                    if length > 0 {
                        fields.append(String(decoding: field, as: UTF8.self))
                        index += length
                        line += 1
                        break fieldLoop
                    }
                    errors.append(
                        TextFormatError(line: line, column: column, reason: "unexpected character after closing quote")
                    )
                    valid = false
                    skipLine()
                    break fieldLoop
                }
                while index < count && bytes[index] != delimiter && bytes[index] != quote && newline(index) == 0 {
                    field.append(bytes[index])
                    index += 1
                }
                if index == count {
                    fields.append(String(decoding: field, as: UTF8.self))
                    break fieldLoop
                }
                if bytes[index] == delimiter {
                    fields.append(String(decoding: field, as: UTF8.self))
                    field = []
                    index += 1
                    continue fieldLoop
                }
                if bytes[index] == quote {
                    errors.append(
                        TextFormatError(
                            line: line, column: fields.count + 1, reason: "unexpected quote in unquoted field")
                    )
                    valid = false
                    skipLine()
                    break fieldLoop
                }
                fields.append(String(decoding: field, as: UTF8.self))
                index += newline(index)
                line += 1
                break fieldLoop
            }
            if valid {
                records.append(fields)
                lines.append(recordLine)
            }
        }
        // Drop the header record.
        return (Array(records.dropFirst()), Array(lines.dropFirst()), errors)
    }
}
