/// The RFC 4180 state machine behind `CSVReader`.
///
/// It is resumable: input arrives in slices of any size and a record, a field or a CRLF may straddle slices. Field
/// contents are written to a `BatchBuilder` as they are scanned, so no input has to be kept between slices.
struct CSVParser {
    enum Phase: UInt8 {
        /// Between records (blank lines are skipped here).
        case recordStart
        /// After a delimiter.
        case fieldStart
        /// Inside an unquoted field.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Just after a quote inside a quoted field: a closing quote or the first half of `""`.
        case afterQuote
        /// Skipping the rest of a physical line after an error.
        case skipLine
    }

    static let quote: UInt8 = 0x22
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    /// `byte` in every byte of a word.
    @inline(__always)
    static func broadcast(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// A word whose lowest set bit is the high bit of the lowest zero byte of `word` (0 when there is none).
    /// Bits above that may be spurious, which is fine for finding the first one.
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    let delimiter: UInt8
    /// A record whose contents grow past this many bytes is dropped with an error, so a stray quote cannot make
    /// the reader hold the rest of the file in memory.
    let maxRecordBytes: Int

    private(set) var phase = Phase.recordStart
    /// The previous byte was a CR that already counted as a line break; a following LF belongs to it.
    private var pendingLineFeed = false
    /// The current physical line (1-based).
    private(set) var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    private var quoteColumn = 1
    private var recordFieldBase = 0
    private var recordByteBase = 0
    private var oversized = false

    init(delimiter: UInt8, maxRecordBytes: Int) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    /// Parses `input[0..<count]` into `builder`, which must have room for `count` more bytes and `count + 1` more
    /// fields and records.
    ///
    /// Stops early, right after a record, once the builder holds `recordLimit` records or `byteLimit` bytes.
    /// - Returns: how many input bytes were consumed, and whether the builder is full.
    mutating func parse(
        _ input: UnsafePointer<UInt8>,
        count: Int,
        into builder: BatchBuilder,
        recordLimit: Int,
        byteLimit: Int
    ) -> (consumed: Int, full: Bool) {
        let quote = Self.quote
        let lineFeed = Self.lineFeed
        let carriageReturn = Self.carriageReturn
        let delimiter = self.delimiter
        let out = builder.bytes
        let rawInput = UnsafeRawPointer(input)
        let rawOut = UnsafeMutableRawPointer(out)
        let delimiterWord = Self.broadcast(delimiter)
        let lineFeedWord = Self.broadcast(lineFeed)
        let carriageReturnWord = Self.broadcast(carriageReturn)
        let quoteWord = Self.broadcast(quote)
        let bounds = builder.fieldBounds
        let starts = builder.recordStarts
        let lines = builder.lines
        var outCount = builder.byteCount
        var fieldCount = builder.fieldCount
        var recordCount = builder.recordCount
        var phase = self.phase
        var line = self.line
        var index = 0
        var full = false

        scan: while index < count {
            switch phase {
            case .recordStart:
                let byte = input[index]
                if pendingLineFeed {
                    pendingLineFeed = false
                    if byte == lineFeed {
                        index += 1
                        continue scan
                    }
                }
                if byte == lineFeed {
                    line += 1
                    index += 1
                    continue scan
                }
                if byte == carriageReturn {
                    line += 1
                    pendingLineFeed = true
                    index += 1
                    continue scan
                }
                recordLine = line
                recordFieldBase = fieldCount
                recordByteBase = outCount
                oversized = false
                phase = .fieldStart
                fallthrough

            case .fieldStart:
                if input[index] == quote {
                    quoteLine = line
                    quoteColumn = fieldCount - recordFieldBase + 1
                    index += 1
                    phase = .quoted
                    continue scan
                }
                phase = .unquoted
                fallthrough

            case .unquoted:
                // Runs field after field, record after record, for as long as they are unquoted: the common case
                // never goes back through the phase switch.
                var cursor = index
                fields: while true {
                    var byte: UInt8 = 0
                    // Eight bytes at a time while they last: copy the word, stop at the first special byte. The
                    // store may write up to 7 bytes past the field, inside the reserved room; they get overwritten.
                    while cursor &+ 8 <= count {
                        let word = UInt64(littleEndian: rawInput.loadUnaligned(fromByteOffset: cursor, as: UInt64.self))
                        rawOut.storeBytes(of: word.littleEndian, toByteOffset: outCount, as: UInt64.self)
                        let special =
                            Self.zeroBytes(word ^ delimiterWord) | Self.zeroBytes(word ^ lineFeedWord)
                            | Self.zeroBytes(word ^ carriageReturnWord) | Self.zeroBytes(word ^ quoteWord)
                        if special == 0 {
                            outCount &+= 8
                            cursor &+= 8
                            continue
                        }
                        let offset = special.trailingZeroBitCount >> 3
                        outCount &+= offset
                        cursor &+= offset
                        break
                    }
                    while cursor < count {
                        byte = input[cursor]
                        if byte > quote && byte != delimiter {
                            out[outCount] = byte
                            outCount += 1
                            cursor += 1
                            continue
                        }
                        if byte == delimiter || byte == lineFeed || byte == carriageReturn || byte == quote { break }
                        out[outCount] = byte
                        outCount += 1
                        cursor += 1
                    }
                    if cursor == count {
                        index = count
                        break scan
                    }
                    cursor += 1
                    index = cursor
                    if byte == delimiter {
                        fieldCount += 1
                        bounds[fieldCount] = UInt32(truncatingIfNeeded: outCount)
                        if cursor < count && input[cursor] != quote { continue fields }
                        phase = .fieldStart
                        continue scan
                    }
                    if byte == quote {
                        builder.errors.append(
                            TextFormatError(
                                line: line,
                                column: fieldCount - recordFieldBase + 1,
                                reason: "unexpected quote in unquoted field"
                            )
                        )
                        fieldCount = recordFieldBase
                        outCount = recordByteBase
                        phase = .skipLine
                        continue scan
                    }
                    line += 1
                    fieldCount += 1
                    bounds[fieldCount] = UInt32(truncatingIfNeeded: outCount)
                    phase = .recordStart
                    if byte == carriageReturn { pendingLineFeed = true }
                    if oversized {
                        reportOversized(builder)
                        fieldCount = recordFieldBase
                        outCount = recordByteBase
                        continue scan
                    }
                    lines[recordCount] = recordLine
                    recordCount += 1
                    starts[recordCount] = UInt32(truncatingIfNeeded: fieldCount)
                    if recordCount >= recordLimit || outCount >= byteLimit {
                        full = true
                        break scan
                    }
                    // Start the next record here unless it needs the general path (blank line, CRLF, quote).
                    guard byte == lineFeed, cursor < count else { continue scan }
                    let next = input[cursor]
                    guard next != lineFeed && next != carriageReturn && next != quote else { continue scan }
                    recordLine = line
                    recordFieldBase = fieldCount
                    recordByteBase = outCount
                    phase = .unquoted
                }

            case .quoted:
                var cursor = index
                if pendingLineFeed {
                    pendingLineFeed = false
                    if input[cursor] == lineFeed {
                        out[outCount] = lineFeed
                        outCount += 1
                        cursor += 1
                    }
                }
                while cursor < count {
                    let byte = input[cursor]
                    if byte > quote {
                        out[outCount] = byte
                        outCount += 1
                        cursor += 1
                        continue
                    }
                    if byte == quote { break }
                    if byte == lineFeed {
                        line += 1
                    } else if byte == carriageReturn {
                        line += 1
                        if cursor + 1 < count {
                            if input[cursor + 1] == lineFeed {
                                out[outCount] = carriageReturn
                                outCount += 1
                                cursor += 1
                            }
                        } else {
                            pendingLineFeed = true
                        }
                    }
                    out[outCount] = input[cursor]
                    outCount += 1
                    cursor += 1
                }
                if cursor == count {
                    index = count
                    break scan
                }
                index = cursor + 1
                phase = .afterQuote

            case .afterQuote:
                let byte = input[index]
                if byte == quote {
                    out[outCount] = quote
                    outCount += 1
                    index += 1
                    phase = .quoted
                    continue scan
                }
                if byte == delimiter {
                    fieldCount += 1
                    bounds[fieldCount] = UInt32(truncatingIfNeeded: outCount)
                    index += 1
                    phase = .fieldStart
                    continue scan
                }
                if byte == lineFeed || byte == carriageReturn {
                    line += 1
                    if byte == carriageReturn { pendingLineFeed = true }
                    index += 1
                    fieldCount += 1
                    bounds[fieldCount] = UInt32(truncatingIfNeeded: outCount)
                    phase = .recordStart
                    if oversized {
                        reportOversized(builder)
                        fieldCount = recordFieldBase
                        outCount = recordByteBase
                        continue scan
                    }
                    lines[recordCount] = recordLine
                    recordCount += 1
                    starts[recordCount] = UInt32(truncatingIfNeeded: fieldCount)
                    if recordCount >= recordLimit || outCount >= byteLimit {
                        full = true
                        break scan
                    }
                    continue scan
                }
                let what = ByteDescription.character(at: input + index, available: count - index)
                builder.errors.append(
                    TextFormatError(
                        line: line,
                        column: fieldCount - recordFieldBase + 1,
                        reason: "unexpected character \(what) after closing quote"
                    )
                )
                fieldCount = recordFieldBase
                outCount = recordByteBase
                phase = .skipLine

            case .skipLine:
                var cursor = index
                while cursor < count {
                    let byte = input[cursor]
                    if byte == lineFeed || byte == carriageReturn { break }
                    cursor += 1
                }
                if cursor == count {
                    index = count
                    break scan
                }
                line += 1
                if input[cursor] == carriageReturn { pendingLineFeed = true }
                index = cursor + 1
                phase = .recordStart
            }
        }

        // Keep memory bounded for a record that never ends (typically a stray quote): drop its contents and
        // remember to report it when it does end.
        if phase != .recordStart && phase != .skipLine && outCount - recordByteBase > maxRecordBytes {
            oversized = true
            outCount = recordByteBase
            fieldCount = recordFieldBase
        }

        self.phase = phase
        self.line = line
        builder.byteCount = outCount
        builder.fieldCount = fieldCount
        builder.recordCount = recordCount
        return (index, full)
    }

    /// Ends the input: completes a last record that has no line break, or reports an unclosed quote.
    /// The builder must have room for one more field and record.
    mutating func finish(into builder: BatchBuilder) {
        switch phase {
        case .recordStart, .skipLine:
            break
        case .fieldStart, .unquoted, .afterQuote:
            builder.endField()
            if oversized {
                reportOversized(builder)
                abandonRecord(builder)
            } else {
                builder.endRecord(line: recordLine)
            }
        case .quoted:
            builder.errors.append(
                TextFormatError(
                    line: quoteLine,
                    column: quoteColumn,
                    reason: "quoted field opened on line \(quoteLine) is never closed"
                )
            )
            abandonRecord(builder)
        }
        phase = .recordStart
        pendingLineFeed = false
    }

    /// Drops the record in progress from the builder (used when reading stops in the middle of one).
    mutating func abandonRecord(_ builder: BatchBuilder) {
        if phase != .recordStart && phase != .skipLine {
            builder.fieldCount = recordFieldBase
            builder.byteCount = recordByteBase
        }
        phase = .recordStart
    }

    private func reportOversized(_ builder: BatchBuilder) {
        builder.errors.append(
            TextFormatError(
                line: recordLine,
                reason: "record starting on line \(recordLine) is longer than \(ByteDescription.size(maxRecordBytes))"
            )
        )
    }
}
