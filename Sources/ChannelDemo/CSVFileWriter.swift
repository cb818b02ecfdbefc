import Foundation

/// A buffered, byte-level CSV writer for one file.
///
/// Fields are appended straight into a raw byte buffer that is flushed to the file in chunks
/// of about 1 MiB, so writing millions of rows costs no per-field `String` allocation.
/// Call ``finish()`` to flush the tail; the buffer is freed when the writer goes away.
struct CSVFileWriter: ~Copyable {
    private static let flushThreshold = 1 << 20

    /// File name inside the output directory, e.g. `orders.csv`.
    let fileName: String
    /// Data rows written so far (the header row is not counted).
    private(set) var rows = 0
    private let handle: FileHandle
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var isClosed = false
    /// `YYYY-MM-DD` of every day in ``DemoCalendar/dateTableFirstDay``..., 10 bytes per day.
    private let dateTable: UnsafeMutablePointer<UInt8>
    private let dateTableDays: Int
    /// `"00"`, `"01"`, ..., `"99"` as 200 ASCII bytes.
    private let digitPairs: UnsafeMutablePointer<UInt8>

    /// Creates (or truncates) `directory/fileName` and writes the header row.
    init(directory: URL, fileName: String, header: [String]) throws {
        let url = directory.appending(path: fileName)
        guard FileManager.default.createFile(atPath: url.path(percentEncoded: false), contents: nil) else {
            throw DemoError("cannot create \(url.path(percentEncoded: false))")
        }
        // Everything that can throw happens before the first stored property is set.
        let handle = try FileHandle(forWritingTo: url)
        self.fileName = fileName
        self.handle = handle
        capacity = Self.flushThreshold + (1 << 16)
        storage = .allocate(capacity: capacity)
        let table = DemoCalendar.dateTable
        dateTableDays = table.count / 10
        dateTable = .allocate(capacity: table.count)
        dateTable.initialize(from: table, count: table.count)
        digitPairs = .allocate(capacity: 200)
        for value in 0..<100 {
            digitPairs[2 * value] = 0x30 + UInt8(value / 10)
            digitPairs[2 * value + 1] = 0x30 + UInt8(value % 10)
        }
        for (index, name) in header.enumerated() {
            if index > 0 { comma() }
            field(name)
        }
        newline()
    }

    deinit {
        storage.deallocate()
        dateTable.deallocate()
        digitPairs.deallocate()
        if !isClosed {
            try? handle.close()
        }
    }

    // MARK: Rows

    /// Ends the current row and flushes the buffer once it holds about a chunk.
    mutating func endRow() throws {
        newline()
        rows += 1
        if count >= Self.flushThreshold {
            try flush()
        }
    }

    /// Flushes what is buffered and closes the file.
    mutating func finish() throws {
        try flush()
        try handle.close()
        isClosed = true
    }

    private mutating func flush() throws {
        guard count > 0 else { return }
        try handle.write(contentsOf: UnsafeRawBufferPointer(start: storage, count: count))
        count = 0
    }

    // MARK: Fields
    //
    // The writers below are hand-inlined (while loops, direct pointer stores, no generic
    // helpers) because debug builds do not inline, and the demo must stay fast there too.

    /// Appends the field separator.
    mutating func comma() {
        if count >= capacity { grow(1) }
        storage[count] = 0x2C
        count += 1
    }

    private mutating func newline() {
        if count >= capacity { grow(1) }
        storage[count] = 0x0A
        count += 1
    }

    /// Appends one byte.
    mutating func byte(_ value: UInt8) {
        if count >= capacity { grow(1) }
        storage[count] = value
        count += 1
    }

    /// Appends ASCII text that never needs quoting (codes, fixed words).
    mutating func ascii(_ text: StaticString) {
        let length = text.utf8CodeUnitCount
        if count + length > capacity { grow(length) }
        if text.hasPointerRepresentation {
            let source = text.utf8Start
            var index = 0
            while index < length {
                storage[count + index] = source[index]
                index += 1
            }
        } else {
            let destination = storage + count
            text.withUTF8Buffer { source in
                var index = 0
                while index < source.count {
                    destination[index] = source[index]
                    index += 1
                }
            }
        }
        count += length
    }

    /// Appends a text field, quoted per RFC 4180 when it holds a comma, quote or line break.
    mutating func field(_ text: String) {
        let utf8 = text.utf8
        let needsQuotes = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        let worstCase = utf8.count * 2 + 2
        if count + worstCase > capacity { grow(worstCase) }
        if needsQuotes {
            storage[count] = 0x22
            count += 1
        }
        for unit in utf8 {
            if unit == 0x22 {
                storage[count] = 0x22
                count += 1
            }
            storage[count] = unit
            count += 1
        }
        if needsQuotes {
            storage[count] = 0x22
            count += 1
        }
    }

    /// Appends pre-encoded bytes (used for names that repeat on many rows).
    mutating func bytes(_ encoded: [UInt8]) {
        if count + encoded.count > capacity { grow(encoded.count) }
        let destination = storage + count
        encoded.withUnsafeBufferPointer { source in
            var index = 0
            while index < source.count {
                destination[index] = source[index]
                index += 1
            }
        }
        count += encoded.count
    }

    /// Appends a decimal integer.
    mutating func int(_ value: Int) {
        if count + 21 > capacity { grow(21) }
        var magnitude = value.magnitude
        if value < 0 {
            storage[count] = 0x2D
            count += 1
        }
        var digits = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        var index = count + digits - 1
        repeat {
            storage[index] = 0x30 + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
            index -= 1
        } while magnitude > 0
        count += digits
    }

    /// Appends a non-negative integer left-padded with zeros to `width` digits (more if it needs them).
    mutating func padded(_ value: Int, width: Int) {
        if count + 20 > capacity { grow(20) }
        var magnitude = value.magnitude
        var index = count + width - 1
        while index >= count {
            storage[index] = 0x30 + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
            index -= 1
        }
        if magnitude == 0 {
            count += width
        } else {
            // Wider than `width`: write it plainly.
            int(value)
        }
    }

    /// Appends a fixed-point number: `scaled` units of 10^-`scale` (e.g. cents with scale 2 → `12.34`).
    mutating func fixed(_ scaled: Int, scale: Int) {
        guard scale > 0 else { return int(scaled) }
        if count + 24 > capacity { grow(24) }
        var magnitude = scaled.magnitude
        if scaled < 0 {
            storage[count] = 0x2D
            count += 1
        }
        var digits = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        // At least one digit before the point.
        let total = digits > scale ? digits : scale + 1
        var index = count + total
        var written = 0
        while written < total {
            if written == scale {
                storage[index] = 0x2E
                index -= 1
            }
            storage[index] = 0x30 + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
            index -= 1
            written += 1
        }
        count += total + 1
    }

    /// Appends an identifier such as `SO000000001`: an ASCII prefix and a zero-padded number.
    mutating func id(_ prefix: StaticString, _ number: Int, width: Int) {
        if prefix.hasPointerRepresentation, number >= 0, count + prefix.utf8CodeUnitCount + width + 20 <= capacity {
            // Fast path in one call: prefix bytes, then the digits right to left.
            let source = prefix.utf8Start
            let length = prefix.utf8CodeUnitCount
            var index = 0
            while index < length {
                storage[count + index] = source[index]
                index += 1
            }
            // Two digits per division, from the "00"..."99" table.
            var magnitude = number
            let first = count + length
            index = first + width - 1
            while index > first {
                let pair = (magnitude % 100) &* 2
                magnitude /= 100
                storage[index] = digitPairs[pair + 1]
                storage[index - 1] = digitPairs[pair]
                index -= 2
            }
            if index == first {
                storage[index] = 0x30 + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            }
            if magnitude == 0 {
                count += length + width
                return
            }
        }
        ascii(prefix)
        padded(number, width: width)
    }

    /// Appends a window-relative day as `YYYY-MM-DD`.
    mutating func date(_ day: Int) {
        if count + 10 > capacity { grow(10) }
        let row = day - DemoCalendar.dateTableFirstDay
        if row >= 0, row < dateTableDays {
            let source = dateTable + row * 10
            var index = 0
            while index < 10 {
                storage[count + index] = source[index]
                index += 1
            }
            count += 10
        } else {
            let civil = DemoCalendar.civil(day)
            padded(civil.year, width: 4)
            byte(0x2D)
            padded(civil.month, width: 2)
            byte(0x2D)
            padded(civil.day, width: 2)
        }
    }

    /// Appends seconds since the window start as an ISO-8601 UTC timestamp, `YYYY-MM-DDTHH:MM:SSZ`.
    mutating func timestamp(_ seconds: Int) {
        let day = DemoCalendar.dayOf(seconds: seconds)
        let rest = seconds - day * DemoCalendar.secondsPerDay
        date(day)
        if count + 10 > capacity { grow(10) }
        let hour = rest / 3_600
        let minute = rest / 60 % 60
        let second = rest % 60
        storage[count] = 0x54
        storage[count + 1] = 0x30 + UInt8(truncatingIfNeeded: hour / 10)
        storage[count + 2] = 0x30 + UInt8(truncatingIfNeeded: hour % 10)
        storage[count + 3] = 0x3A
        storage[count + 4] = 0x30 + UInt8(truncatingIfNeeded: minute / 10)
        storage[count + 5] = 0x30 + UInt8(truncatingIfNeeded: minute % 10)
        storage[count + 6] = 0x3A
        storage[count + 7] = 0x30 + UInt8(truncatingIfNeeded: second / 10)
        storage[count + 8] = 0x30 + UInt8(truncatingIfNeeded: second % 10)
        storage[count + 9] = 0x5A
        count += 10
    }

    /// Appends a timestamp, or nothing (an empty field) when `seconds` is `nil`.
    mutating func timestamp(_ seconds: Int?) {
        if let seconds {
            timestamp(seconds)
        }
    }

    private mutating func grow(_ extra: Int) {
        let needed = count + extra
        let newCapacity = capacity * 2 > needed ? capacity * 2 : needed
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: storage, count: count)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }
}
