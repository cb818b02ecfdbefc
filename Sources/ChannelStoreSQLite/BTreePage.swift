/// One b-tree page being filled with cells, laid out as SQLite's file format specifies
/// (https://www.sqlite.org/fileformat2.html, "B-tree Pages"): header, cell pointers in key order, cells at the end.
///
/// Cells are written straight into the page's bytes, from the end downwards as SQLite itself places them, so a
/// full page is written out as it stands: no second copy of its cells.
struct BTreePage {
    enum Kind: UInt8 {
        case indexInterior = 2
        case tableInterior = 5
        case indexLeaf = 10
        case tableLeaf = 13

        var headerLength: Int { self == .indexInterior || self == .tableInterior ? 12 : 8 }
    }

    let kind: Kind
    let size: Int
    private(set) var bytes: [UInt8]
    /// Where the lowest cell starts; cells fill `contentStart..<size`.
    private var contentStart: Int
    private(set) var count = 0

    init(kind: Kind, size: Int) {
        self.kind = kind
        self.size = size
        bytes = [UInt8](repeating: 0, count: size)
        contentStart = size
    }

    var isEmpty: Bool { count == 0 }

    /// SQLite reads no cell shorter than 4 bytes; shorter ones are padded.
    static func stored(_ length: Int) -> Int { max(length, 4) }

    func fits(_ cellLength: Int) -> Bool {
        kind.headerLength + 2 * (count + 1) + Self.stored(cellLength) <= contentStart
    }

    /// Appends a cell (the caller checked `fits`); cells must come in key order. Returns where the cell starts in
    /// the page.
    @discardableResult
    mutating func append(_ cell: [UInt8]) -> Int {
        place(length: cell.count) { base in
            cell.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: cell.count) }
        }
    }

    /// Appends a cell of the varint `first`, the varint `second` if there is one, then `payload` (the caller checked
    /// `fits`); returns where the cell starts in the page. The common cell, written without building it first.
    @discardableResult
    mutating func append(varint first: UInt64, _ second: UInt64?, payload: UnsafeBufferPointer<UInt8>) -> Int {
        let prefix = SQLiteRecordFormat.varintLength(first) + (second.map(SQLiteRecordFormat.varintLength) ?? 0)
        return place(length: prefix + payload.count) { base in
            var at = SQLiteRecordFormat.writeVarint(first, to: base)
            if let second { at += SQLiteRecordFormat.writeVarint(second, to: base + at) }
            if let from = payload.baseAddress { (base + at).update(from: from, count: payload.count) }
        }
    }

    /// Makes room for a cell of `length` bytes below the others, lets `write` fill it, pads it to SQLite's shortest
    /// cell and points to it from the next cell pointer; returns where it starts.
    private mutating func place(length: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Void) -> Int {
        let start = contentStart - Self.stored(length)
        let pointer = kind.headerLength + 2 * count
        bytes.withUnsafeMutableBufferPointer { page in
            let base = page.baseAddress! + start
            write(base)
            if length < 4 { (base + length).update(repeating: 0, count: 4 - length) }
            page[pointer] = UInt8(truncatingIfNeeded: start >> 8)
            page[pointer + 1] = UInt8(truncatingIfNeeded: start)
        }
        contentStart = start
        count += 1
        return start
    }

    /// Completes the header and returns the page's bytes; `rightChild` is the right-most pointer of an interior
    /// page. The bytes are shared, not copied: write them out before the next `reset`.
    mutating func render(rightChild: UInt32 = 0) -> [UInt8] {
        bytes[0] = kind.rawValue
        Self.put16(count, into: &bytes, at: 3)
        // 65536 is written as 0; a 16 KiB page never needs that.
        Self.put16(contentStart == 65536 ? 0 : contentStart, into: &bytes, at: 5)
        if kind.headerLength == 12 { Self.put32(rightChild, into: &bytes, at: 8) }
        // Between the cell pointers and the cells: zeros, not the bytes of an earlier page.
        let pointersEnd = kind.headerLength + 2 * count
        let gap = contentStart - pointersEnd
        if gap > 0 { bytes.withUnsafeMutableBufferPointer { ($0.baseAddress! + pointersEnd).update(repeating: 0, count: gap) } }
        return bytes
    }

    /// Empties the page for the next one of its kind, keeping its storage (stale bytes are zeroed by `render`).
    mutating func reset() {
        contentStart = size
        count = 0
        bytes.withUnsafeMutableBufferPointer { ($0.baseAddress! + 1).update(repeating: 0, count: 11) }
    }

    static func put16(_ value: Int, into page: inout [UInt8], at offset: Int) {
        page[offset] = UInt8(truncatingIfNeeded: value >> 8)
        page[offset + 1] = UInt8(truncatingIfNeeded: value)
    }

    static func put32(_ value: UInt32, into page: inout [UInt8], at offset: Int) {
        page[offset] = UInt8(truncatingIfNeeded: value >> 24)
        page[offset + 1] = UInt8(truncatingIfNeeded: value >> 16)
        page[offset + 2] = UInt8(truncatingIfNeeded: value >> 8)
        page[offset + 3] = UInt8(truncatingIfNeeded: value)
    }
}
