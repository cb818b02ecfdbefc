import ChannelStore
import Foundation

/// The database file as `DirectLoad.attach` extends it past SQLite's last page: the staged pages first (in staged
/// order), then the pages built last. SQLite's lock-byte page (the one holding the byte at offset 2^30) is never
/// used, so numbering steps over it. Opened only after SQLite's commit, when it holds no lock on the file (closing
/// this descriptor would drop them).
final class PageFile {
    let pageSize: Int
    let path: String
    private let descriptor: Int32
    /// SQLite's page count when the load attaches.
    private let base: UInt32
    private(set) var pageCount: UInt32
    private let lockBytePage: UInt32

    init(path: String, pageSize: Int, sqlitePageCount: UInt32, stagedCount: Int) throws {
        self.path = path
        self.pageSize = pageSize
        base = sqlitePageCount
        lockBytePage = UInt32(0x4000_0000 / pageSize + 1)
        descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError(.unavailable, "cannot open \(path): \(String(cString: strerror(errno)))") }
        pageCount = sqlitePageCount
        if stagedCount > 0 { pageCount = final(staged: stagedCount - 1) }
    }

    deinit { close(descriptor) }

    /// The page number of staged page `staged`.
    func final(staged: Int) -> UInt32 {
        var number = base + 1 + UInt32(staged)
        if base < lockBytePage, number >= lockBytePage { number += 1 }
        return number
    }

    /// The next free page number.
    func allocate() -> UInt32 {
        pageCount += 1
        if pageCount == lockBytePage { pageCount += 1 }
        return pageCount
    }

    func write(_ page: [UInt8], at number: UInt32) throws {
        precondition(number >= 1 && number != lockBytePage)
        try page.withUnsafeBytes { try PageStage.writeAll(descriptor, $0, at: off_t(number - 1) * off_t(pageSize), path: path) }
    }

    /// Replaces the staged page number at `offset` of `page` (or of a buffer of pages) with its final number.
    func renumber(_ page: inout [UInt8], at offset: Int) {
        let staged = Int(page[offset]) << 24 | Int(page[offset + 1]) << 16 | Int(page[offset + 2]) << 8 | Int(page[offset + 3])
        BTreePage.put32(final(staged: staged), into: &page, at: offset)
    }

    /// Copies the staged pages into place, renumbering the page numbers they hold.
    func copy(from stage: PageStage) throws {
        let batch = 256
        var fixups = stage.fixups[...]
        var buffer = [UInt8](repeating: 0, count: batch * pageSize)
        var first = 0
        while first < stage.count {
            let count = min(batch, stage.count - first)
            let bytes = count * pageSize
            try buffer.withUnsafeMutableBytes { raw in
                var done = 0
                while done < bytes {
                    let read = pread(stage.fileDescriptor, raw.baseAddress! + done, bytes - done, off_t(first) * off_t(pageSize) + off_t(done))
                    if read < 0, errno == EINTR { continue }
                    guard read > 0 else { throw StoreError(.unavailable, "cannot read the staging file \(stage.path)") }
                    done += read
                }
            }
            while let fixup = fixups.first, fixup.page < first + count {
                renumber(&buffer, at: (fixup.page - first) * pageSize + fixup.offset)
                fixups.removeFirst()
            }
            // Runs of consecutive final numbers (the lock-byte page splits at most one run).
            var index = 0
            while index < count {
                var end = index + 1
                while end < count, final(staged: first + end) == final(staged: first + index) + UInt32(end - index) { end += 1 }
                try buffer.withUnsafeBytes { raw in
                    try PageStage.writeAll(
                        descriptor, UnsafeRawBufferPointer(rebasing: raw[index * pageSize..<end * pageSize]),
                        at: off_t(final(staged: first + index) - 1) * off_t(pageSize), path: path)
                }
                index = end
            }
            first += count
        }
    }

    /// Declares the new page count in the header (with a new change counter, so every connection drops its cached
    /// pages) and makes the file durable.
    func commit() throws {
        var header = [UInt8](repeating: 0, count: 100)
        guard header.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress!, 100, 0) }) == 100 else {
            throw StoreError(.unavailable, "cannot read the header of \(path)")
        }
        let counter = (UInt32(header[24]) << 24 | UInt32(header[25]) << 16 | UInt32(header[26]) << 8 | UInt32(header[27])) &+ 1
        BTreePage.put32(counter, into: &header, at: 24)
        BTreePage.put32(pageCount, into: &header, at: 28)
        BTreePage.put32(counter, into: &header, at: 92)
        try header.withUnsafeBytes { try PageStage.writeAll(descriptor, $0, at: 0, path: path) }
        guard ftruncate(descriptor, off_t(pageCount) * off_t(pageSize)) == 0, fsync(descriptor) == 0 else {
            throw StoreError(.unavailable, "cannot make \(path) durable: \(String(cString: strerror(errno)))")
        }
    }
}
