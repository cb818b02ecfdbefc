/// One b-tree page being filled with cells, laid out as SQLite's file format specifies
/// (https://www.sqlite.org/fileformat2.html, "B-tree Pages"): header, cell pointers in key order, cells at the end.
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
    private(set) var cells: [UInt8] = []
    private(set) var cellStarts: [Int] = []

    init(kind: Kind, size: Int) {
        self.kind = kind
        self.size = size
        cells.reserveCapacity(size)
    }

    var count: Int { cellStarts.count }
    var isEmpty: Bool { cellStarts.isEmpty }

    /// SQLite reads no cell shorter than 4 bytes; shorter ones are padded.
    static func stored(_ length: Int) -> Int { max(length, 4) }

    func fits(_ cellLength: Int) -> Bool {
        kind.headerLength + 2 * (count + 1) + cells.count + Self.stored(cellLength) <= size
    }

    /// Appends a cell (the caller checked `fits`); cells must come in key order.
    mutating func append(_ cell: [UInt8]) {
        append(header: cell, payload: [])
    }

    /// Appends a cell made of `header` then `payload` (the caller checked `fits` for their total).
    mutating func append(header: [UInt8], payload: ArraySlice<UInt8>) {
        cellStarts.append(cells.count)
        cells.append(contentsOf: header)
        cells.append(contentsOf: payload)
        let length = header.count + payload.count
        if length < 4 { cells.append(contentsOf: repeatElement(0, count: 4 - length)) }
    }

    /// The page's bytes; `rightChild` is the right-most pointer of an interior page. Offsets within cells that hold
    /// page numbers keep their position: a cell at `cells` offset `k` lands at page offset `contentStart + k`.
    func rendered(rightChild: UInt32 = 0) -> [UInt8] {
        var page = [UInt8](repeating: 0, count: size)
        let contentStart = size - cells.count
        page[0] = kind.rawValue
        Self.put16(count, into: &page, at: 3)
        // 65536 is written as 0; a 16 KiB page never needs that.
        Self.put16(contentStart == 65536 ? 0 : contentStart, into: &page, at: 5)
        if kind.headerLength == 12 { Self.put32(rightChild, into: &page, at: 8) }
        for (index, start) in cellStarts.enumerated() {
            Self.put16(contentStart + start, into: &page, at: kind.headerLength + 2 * index)
        }
        page.replaceSubrange(contentStart..<size, with: cells)
        return page
    }

    /// Where cell bytes at `offset` within `cells` sit in the rendered page.
    func pageOffset(ofCellByte offset: Int) -> Int { size - cells.count + offset }

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
