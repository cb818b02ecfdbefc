import ChannelStore
import Foundation

/// Builds one b-tree (a table's rows by rowid, or an index's entries) from rows in key order, bottom up: leaves are
/// filled to the brim and staged as they fill; the interior levels are built by `attach` once every page has its
/// final number. SQLite's own inserts do the same work a row at a time through its statement engine, the
/// largest cost of a large load.
final class BTreeBuilder {
    let isTable: Bool
    /// The page SQLite gave this b-tree when it created the table or index; the top of the tree is written there.
    let rootPage: UInt32
    private let file: PageFile
    private let usable: Int
    private var leaf: BTreePage
    /// Page offsets of the current leaf's overflow pointers (staged page numbers).
    private var leafFixups: [Int] = []
    private(set) var leaves: [Int] = []
    /// Between consecutive leaves: the largest rowid of the left one (tables) or an entry taken out (indexes).
    private var rowDividers: [Int64] = []
    private var entryDividers: [[UInt8]] = []
    /// The last index entry, held back: when the next one does not fit, it becomes the divider between the leaves.
    /// The caller's bytes, where they lie (see `append(entry:)`): holding it back costs no copy.
    private var pendingEntry: UnsafeBufferPointer<UInt8>?
    private var lastRowID: Int64 = 0
    private var cell: [UInt8] = []
    private(set) var entryCount = 0

    init(isTable: Bool, rootPage: UInt32, file: PageFile) {
        self.isTable = isTable
        self.rootPage = rootPage
        self.file = file
        usable = file.pageSize
        maxLocal = isTable ? usable - 35 : (usable - 12) * 64 / 255 - 23
        minLocal = (usable - 12) * 32 / 255 - 23
        leaf = BTreePage(kind: isTable ? .tableLeaf : .indexLeaf, size: file.pageSize)
    }

    /// Payload kept on a page before the rest spills to overflow pages (the file format's X and M).
    private let maxLocal: Int
    private let minLocal: Int

    private func localLength(_ payload: Int, maxLocal: Int) -> Int {
        guard payload > maxLocal else { return payload }
        let spread = minLocal + (payload - minLocal) % (usable - 4)
        return spread <= maxLocal ? spread : minLocal
    }

    /// Appends a table row; rowids must increase.
    func append(rowID: Int64, record: UnsafeBufferPointer<UInt8>) throws {
        precondition(isTable && rowID > lastRowID, "table rows must come in rowid order")
        let local = localLength(record.count, maxLocal: maxLocal)
        let prefix = SQLiteRecordFormat.varintLength(UInt64(record.count)) + SQLiteRecordFormat.varintLength(UInt64(rowID))
        // The cell: the two varints, the record (or its first part) and, when it spills, a page number.
        if !leaf.fits(prefix + local + (local < record.count ? 4 : 0)) {
            try closeLeaf()
            rowDividers.append(lastRowID)
        }
        if local == record.count {
            leaf.append(varint: UInt64(record.count), UInt64(rowID), payload: record)
        } else {
            cell.removeAll(keepingCapacity: true)
            SQLiteRecordFormat.appendVarint(UInt64(record.count), to: &cell)
            SQLiteRecordFormat.appendVarint(UInt64(rowID), to: &cell)
            cell.append(contentsOf: record.prefix(local))
            try appendOverflow(ArraySlice(record[local...]))
            leafFixups.append(leaf.append(cell) + cell.count - 4)
        }
        lastRowID = rowID
        entryCount += 1
    }

    /// Appends an index entry (or a WITHOUT ROWID row); entries must come in key order. The entry is held back until
    /// the next one, so its bytes must stay where they are until the next `append(entry:)` or `finish`.
    func append(entry: UnsafeBufferPointer<UInt8>) throws {
        if let pending = pendingEntry {
            if !leaf.fits(cellLength(pending)) {
                try closeLeaf()
                entryDividers.append(Array(pending))
            } else {
                try appendEntryCell(pending)
            }
        }
        pendingEntry = entry
        entryCount += 1
    }

    private func cellLength(_ payload: UnsafeBufferPointer<UInt8>) -> Int {
        let local = localLength(payload.count, maxLocal: maxLocal)
        return SQLiteRecordFormat.varintLength(UInt64(payload.count)) + local + (local < payload.count ? 4 : 0)
    }

    private func appendEntryCell(_ payload: UnsafeBufferPointer<UInt8>) throws {
        let local = localLength(payload.count, maxLocal: maxLocal)
        guard local < payload.count else {
            leaf.append(varint: UInt64(payload.count), nil, payload: payload)
            return
        }
        cell.removeAll(keepingCapacity: true)
        SQLiteRecordFormat.appendVarint(UInt64(payload.count), to: &cell)
        cell.append(contentsOf: payload.prefix(local))
        try appendOverflow(ArraySlice(payload[local...]))
        leafFixups.append(leaf.append(cell) + cell.count - 4)
    }

    /// Stages the overflow pages of the cell in `cell` and ends the cell with the first one's number.
    private func appendOverflow(_ spill: ArraySlice<UInt8>) throws {
        let numbers = Array(file.count..<file.count + Self.overflowPages(spill.count, pageSize: usable))
        try Self.writeOverflow(spill, numbers: numbers, pageSize: usable) { page, number, isLinked in
            let staged = try file.stage(page, fixups: isLinked ? [0] : [])
            precondition(staged == number, "overflow pages are staged in order")
        }
        Self.append32(UInt32(numbers[0]), to: &cell)
    }

    static func overflowPages(_ length: Int, pageSize: Int) -> Int { (length + pageSize - 5) / (pageSize - 4) }

    /// Writes an overflow chain on the pages `numbers` (one per `pageSize - 4` bytes), each linked to the next.
    static func writeOverflow(
        _ spill: ArraySlice<UInt8>, numbers: [Int], pageSize: Int, write: ([UInt8], Int, Bool) throws -> Void
    ) throws {
        var rest = spill
        for (index, number) in numbers.enumerated() {
            let chunk = rest.prefix(pageSize - 4)
            rest = rest.dropFirst(chunk.count)
            var page = [UInt8](repeating: 0, count: pageSize)
            page.replaceSubrange(4..<4 + chunk.count, with: chunk)
            let isLinked = index + 1 < numbers.count
            if isLinked { BTreePage.put32(UInt32(numbers[index + 1]), into: &page, at: 0) }
            try write(page, number, isLinked)
        }
    }

    static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
            UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)])
    }

    private func closeLeaf() throws {
        leaves.append(try file.stage(leaf.render(), fixups: leafFixups))
        leaf.reset()
        leafFixups.removeAll()
    }

    /// Ends the input: the last leaf stays in memory until `attach` (it is the root when it is the only one).
    func finish() throws {
        if let pending = pendingEntry {
            try appendEntryCell(pending)
            pendingEntry = nil
        }
    }
}

extension BTreeBuilder {
    /// Writes the rest of the tree once every staged page has its final number: the last leaf, then the interior
    /// levels bottom up, the top page at `rootPage`. A tree of one leaf is written at `rootPage`; an empty one leaves
    /// SQLite's empty root as it is.
    func attach() throws {
        if leaves.isEmpty {
            guard !leaf.isEmpty else { return }
            try file.write(renderedLeaf(), at: rootPage)
            return
        }
        var children = leaves.map { file.final(staged: $0) }
        let last = file.allocate()
        try file.write(renderedLeaf(), at: last)
        children.append(last)
        var dividers: Dividers = isTable ? .rows(rowDividers) : .entries(entryDividers)
        let kind: BTreePage.Kind = isTable ? .tableInterior : .indexInterior
        while true {
            let groups = pageGroups(dividers, kind: kind)
            var pages: [[UInt8]] = []
            for group in groups {
                var page = BTreePage(kind: kind, size: usable)
                for index in group { page.append(try interiorCell(child: children[index], dividers, index)) }
                pages.append(page.render(rightChild: children[group.upperBound]))
            }
            if pages.count == 1 {
                try file.write(pages[0], at: rootPage)
                return
            }
            var numbers: [UInt32] = []
            for page in pages {
                let number = file.allocate()
                try file.write(page, at: number)
                numbers.append(number)
            }
            // The divider after each page but the last goes up a level.
            dividers = dividers.picking(groups.dropLast().map(\.upperBound))
            children = numbers
        }
    }

    /// Cells divide a level's children: an interior page holds cells `a..<b` and `children[b]` on its right; the
    /// divider `b` goes up. The last page must hold at least one cell.
    private func pageGroups(_ dividers: Dividers, kind: BTreePage.Kind) -> [Range<Int>] {
        let count = dividers.count
        var groups: [Range<Int>] = []
        var start = 0
        var used = kind.headerLength
        var index = 0
        while index < count {
            let length = BTreePage.stored(4 + dividers.cellPayloadLength(index, local: localLength)) + 2
            if used + length <= usable {
                used += length
            } else {
                groups.append(start..<index)
                start = index + 1
                used = kind.headerLength
            }
            index += 1
        }
        if start == count, let previous = groups.popLast() {
            // The last divider went up and left the last page empty: hand it the previous page's last cell.
            precondition(previous.count >= 2, "an interior page holds more than two cells")
            groups.append(previous.lowerBound..<previous.upperBound - 1)
            groups.append(previous.upperBound..<count)
        } else {
            groups.append(start..<count)
        }
        return groups
    }

    private func interiorCell(child: UInt32, _ dividers: Dividers, _ index: Int) throws -> [UInt8] {
        var cell: [UInt8] = []
        Self.append32(child, to: &cell)
        switch dividers {
        case .rows(let rows):
            SQLiteRecordFormat.appendVarint(UInt64(rows[index]), to: &cell)
        case .entries(let entries):
            let payload = entries[index]
            SQLiteRecordFormat.appendVarint(UInt64(payload.count), to: &cell)
            let local = localLength(payload.count, maxLocal: maxLocal)
            cell.append(contentsOf: payload[..<local])
            if local < payload.count {
                let numbers = (0..<Self.overflowPages(payload.count - local, pageSize: usable)).map { _ in Int(file.allocate()) }
                try Self.writeOverflow(payload[local...], numbers: numbers, pageSize: usable) { page, number, _ in
                    try file.write(page, at: UInt32(number))
                }
                Self.append32(UInt32(numbers[0]), to: &cell)
            }
        }
        return cell
    }

    /// The last leaf with its overflow pointers renumbered.
    private func renderedLeaf() -> [UInt8] {
        var page = leaf.render()
        for offset in leafFixups {
            let staged = Int(page[offset]) << 24 | Int(page[offset + 1]) << 16 | Int(page[offset + 2]) << 8 | Int(page[offset + 3])
            BTreePage.put32(file.final(staged: staged), into: &page, at: offset)
        }
        return page
    }

    var localLength: (Int) -> Int { { [self] in localLength($0, maxLocal: maxLocal) } }

    enum Dividers {
        case rows([Int64])
        case entries([[UInt8]])

        var count: Int {
            switch self {
            case .rows(let rows): rows.count
            case .entries(let entries): entries.count
            }
        }

        /// The bytes of an interior cell after its 4-byte child pointer.
        func cellPayloadLength(_ index: Int, local: (Int) -> Int) -> Int {
            switch self {
            case .rows(let rows): return SQLiteRecordFormat.varintLength(UInt64(rows[index]))
            case .entries(let entries):
                let length = entries[index].count
                let kept = local(length)
                return SQLiteRecordFormat.varintLength(UInt64(length)) + kept + (kept < length ? 4 : 0)
            }
        }

        func picking(_ indexes: [Int]) -> Dividers {
            switch self {
            case .rows(let rows): .rows(indexes.map { rows[$0] })
            case .entries(let entries): .entries(indexes.map { entries[$0] })
            }
        }
    }
}
