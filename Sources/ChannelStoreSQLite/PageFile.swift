import ChannelStore
import Foundation

/// The pages of a direct load (`DirectLoad`), written straight into the database file past the pages SQLite uses,
/// while SQLite goes on with the rest of the load in its own transaction.
///
/// SQLite's last page is known only when it commits, so the loaded pages start after a reserve (`place`): SQLite's
/// page count when the first one is written plus room for what SQLite will still add. Each page gets the next free
/// number when it is written (`stage`); the few page numbers that pages hold before every page has its final
/// place (overflow chains) are written as staging numbers, listed in `fixups` and renumbered by `resolveFixups`.
/// After SQLite's commit, `fill` hands out the part of the reserve SQLite left unused, and `compact` moves the
/// pages with the highest numbers down into what is still free, so the file ends up without a hole. SQLite never
/// reads past the page count in its header, so the pages are invisible to it until `commit` declares them.
///
/// SQLite's lock-byte page (the one holding the byte at offset 2^30) is never used, so numbering steps over it.
final class PageFile {
    let pageSize: Int
    let path: String
    private var descriptor: Int32
    private let lockBytePage: UInt32
    /// The page number of every staged page, in staging order.
    private(set) var positions: [UInt32] = []
    /// (staged page, byte offset) of every 4-byte page number that holds a staging number, not a page number.
    private var fixups: [(page: Int, offset: Int)] = []
    /// The first page past the reserve, once placed.
    private(set) var reserveEnd: UInt32 = 0
    /// Free page numbers below `next`, lowest first (the unused part of the reserve).
    private var spare: [UInt32] = []
    private var spareIndex = 0
    /// The next page number past every page in use.
    private var next: UInt32 = 0
    /// The highest page number handed out since the last `compact` (the top of the trees once compacted).
    private var highestAllocated: UInt32 = 0

    /// Opens the database file. Keep it open until `close`: closing a descriptor of the file drops every POSIX
    /// lock this process holds on it, SQLite's included.
    init(path: String, pageSize: Int) throws {
        self.path = path
        self.pageSize = pageSize
        lockBytePage = UInt32(0x4000_0000 / pageSize + 1)
        descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError(.unavailable, "cannot open \(path): \(String(cString: strerror(errno)))") }
    }

    deinit { close() }

    /// Closes the file; call once SQLite holds no lock on it (after its commit).
    func close() {
        guard descriptor >= 0 else { return }
        Foundation.close(descriptor)
        descriptor = -1
    }

    var count: Int { positions.count }
    var isPlaced: Bool { reserveEnd > 0 }

    /// Puts the first staged page after SQLite's `sqlitePages` and a reserve of `reserve` pages.
    func place(after sqlitePages: UInt32, reserve: UInt32) {
        precondition(!isPlaced, "the load is placed once")
        next = sqlitePages + 1
        for _ in 0..<reserve { _ = advance() }
        reserveEnd = next
    }

    /// The page number after `number`, stepping over the lock-byte page.
    private func successor(_ number: UInt32) -> UInt32 { number + 1 == lockBytePage ? number + 2 : number + 1 }

    private func advance() -> UInt32 {
        let number = next == lockBytePage ? next + 1 : next
        next = successor(number)
        return number
    }

    /// The next free page number.
    func allocate() -> UInt32 {
        let number: UInt32
        if spareIndex < spare.count {
            number = spare[spareIndex]
            spareIndex += 1
        } else {
            number = advance()
        }
        highestAllocated = max(highestAllocated, number)
        return number
    }

    /// Writes a page at the next free number and returns its staging number (its index in `positions`);
    /// `offsets` are where it holds staging numbers of other pages.
    func stage(_ page: [UInt8], fixups offsets: [Int] = []) throws -> Int {
        precondition(page.count == pageSize && isPlaced)
        let staged = positions.count
        let number = allocate()
        try write(page, at: number)
        positions.append(number)
        for offset in offsets { fixups.append((staged, offset)) }
        if staged % Self.writeBackPages == Self.writeBackPages - 1 { startWriteBack() }
        return staged
    }

    /// Pages staged between two starts of write-back (32 MiB of 16 KiB pages).
    private static let writeBackPages = 2048

    #if os(Linux)
    /// `sync_file_range(2)`, which Glibc's module map leaves out.
    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
    private static let syncFileRange: SyncFileRange? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sync_file_range")
        .map { unsafeBitCast($0, to: SyncFileRange.self) }
    #endif

    /// Starts writing the dirty pages to disk without waiting for them, so that the final `fsync` finds most of a
    /// large load written already instead of a gigabyte still in memory.
    private func startWriteBack() {
        #if os(Linux)
        _ = Self.syncFileRange?(descriptor, 0, 0, 2)  // SYNC_FILE_RANGE_WRITE: the whole file, asynchronously
        #endif
    }

    func write(_ page: [UInt8], at number: UInt32) throws {
        precondition(number >= 1 && number != lockBytePage)
        try page.withUnsafeBytes { try write($0, at: number) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, at number: UInt32) throws {
        var done = 0
        let position = off_t(number - 1) * off_t(pageSize)
        while done < bytes.count {
            let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, position + off_t(done))
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw StoreError(.unavailable, "cannot write to \(path): \(String(cString: strerror(errno)))") }
            done += written
        }
    }

    private func read(_ number: UInt32, into page: inout [UInt8]) throws {
        let position = off_t(number - 1) * off_t(pageSize)
        let count = page.count
        try page.withUnsafeMutableBytes { raw in
            var done = 0
            while done < count {
                let read = pread(descriptor, raw.baseAddress! + done, count - done, position + off_t(done))
                if read < 0, errno == EINTR { continue }
                guard read > 0 else { throw StoreError(.unavailable, "cannot read page \(number) of \(path)") }
                done += read
            }
        }
    }

    /// The final page number of staged page `staged`.
    func final(staged: Int) -> UInt32 { positions[staged] }

    /// Before SQLite's commit: SQLite now uses `sqlitePages` pages. Staged pages in that range would be overwritten
    /// by the commit, so they move past the last page. Nothing may be staged meanwhile.
    func clear(sqlitePages: UInt32) throws {
        guard sqlitePages >= reserveEnd else { return }
        if next <= sqlitePages { next = sqlitePages + 1 }
        var page = [UInt8](repeating: 0, count: pageSize)
        for staged in positions.indices where positions[staged] <= sqlitePages {
            try read(positions[staged], into: &page)
            let number = advance()
            try write(page, at: number)
            positions[staged] = number
        }
    }

    /// After SQLite's commit: throws unless the file still holds every staged page (SQLite shortens a file only
    /// when its own last page goes unwritten, which a load never causes; a check, not a hope).
    func checkIntact() throws {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw StoreError(.unavailable, "cannot read the size of \(path)") }
        let needed = off_t(positions.max() ?? 0) * off_t(pageSize)
        guard status.st_size >= needed else {
            throw StoreError(.unavailable, "\(path) lost the loaded pages at SQLite's commit (\(status.st_size) of \(needed) bytes)")
        }
    }

    /// After SQLite's commit: the part of the reserve past SQLite's `sqlitePages` is free for the pages still to come.
    func fill(after sqlitePages: UInt32) {
        var number = successor(sqlitePages)
        while number < reserveEnd {
            spare.append(number)
            number = successor(number)
        }
    }

    /// Moves the pages with the highest numbers down into the free pages below them, so that the pages in use end
    /// without a hole after SQLite's `sqlitePages`; pages allocated later go after them. Returns the pages moved.
    @discardableResult
    func compact(after sqlitePages: UInt32) throws -> Int {
        var free = spare[spareIndex...].sorted()[...]
        spare = []
        spareIndex = 0
        var highest = positions.indices.sorted { positions[$0] > positions[$1] }[...]  // staging indexes
        var page = [UInt8](repeating: 0, count: pageSize)
        var moved = 0
        while let low = free.first, let top = highest.first, low < positions[top] {
            try read(positions[top], into: &page)
            try write(page, at: low)
            positions[top] = low
            free.removeFirst()
            highest.removeFirst()
            moved += 1
        }
        // Every page past the highest staged one (or past SQLite's) is free now.
        next = successor(max(sqlitePages, positions.max() ?? 0))
        highestAllocated = 0
        return moved
    }

    /// Renumbers the staging numbers that pages hold into final page numbers.
    func resolveFixups() throws {
        var page = [UInt8](repeating: 0, count: pageSize)
        for (staged, offset) in fixups {
            try read(positions[staged], into: &page)
            let number = Int(page[offset]) << 24 | Int(page[offset + 1]) << 16 | Int(page[offset + 2]) << 8 | Int(page[offset + 3])
            BTreePage.put32(final(staged: number), into: &page, at: offset)
            try write(page, at: positions[staged])
        }
        fixups = []
    }

    /// Declares the pages in the header (the new page count, with a new change counter so that every connection
    /// drops its cached pages), cuts the file after the last page and makes it durable.
    /// - Parameter sqlitePages: SQLite's own page count, the least the file holds.
    func commit(sqlitePages: UInt32) throws {
        let pageCount = max(sqlitePages, positions.max() ?? 0, highestAllocated)
        var header = [UInt8](repeating: 0, count: 100)
        guard header.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress!, 100, 0) }) == 100 else {
            throw StoreError(.unavailable, "cannot read the header of \(path)")
        }
        let counter = (UInt32(header[24]) << 24 | UInt32(header[25]) << 16 | UInt32(header[26]) << 8 | UInt32(header[27])) &+ 1
        BTreePage.put32(counter, into: &header, at: 24)
        BTreePage.put32(pageCount, into: &header, at: 28)
        BTreePage.put32(counter, into: &header, at: 92)
        try header.withUnsafeBytes { raw in
            guard pwrite(descriptor, raw.baseAddress!, 100, 0) == 100 else {
                throw StoreError(.unavailable, "cannot write the header of \(path): \(String(cString: strerror(errno)))")
            }
        }
        guard ftruncate(descriptor, off_t(pageCount) * off_t(pageSize)) == 0, fsync(descriptor) == 0 else {
            throw StoreError(.unavailable, "cannot make \(path) durable: \(String(cString: strerror(errno)))")
        }
    }
}
