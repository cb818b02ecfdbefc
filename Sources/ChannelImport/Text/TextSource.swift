import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file in large chunks and hands them out as UTF-8, transcoding GB18030 and UTF-16 with iconv.
///
/// UTF-8 input is not copied or validated: the chunk is the file's bytes. A byte-order mark at the start of the file
/// is skipped (and decides the encoding). Memory stays at one or two chunk buffers whatever the file size.
///
/// `@unchecked Sendable`: a source is owned by exactly one noncopyable reader and only touched through that reader's
/// mutating methods.
final class TextSource: @unchecked Sendable {
    /// What `fill()` produced.
    enum Fill {
        /// `chunk` holds new bytes and `position` is 0.
        case data
        /// The end of the file; nothing more will come.
        case end
        /// The input is not valid in its encoding at the current end of the output (reason text inside).
        case invalid(String)
    }

    /// How many bytes the encoding detection looks at.
    static let sampleSize = 1 << 20

    let encoding: TextEncoding
    let totalBytes: Int64

    private let file: FileHandle
    private let descriptor: Int32
    private let contentStart: Int64
    private var fileOffset: Int64
    private var fileEnded = false

    private let converter: IconvConverter?
    private let raw: UnsafeMutablePointer<UInt8>
    private let rawCapacity: Int
    private var rawStart = 0
    private var rawEnd = 0
    private var needsMoreInput = false
    private let output: UnsafeMutablePointer<UInt8>
    private let outputCapacity: Int
    private var pendingInvalid: String?
    private var chunkFileOffset: Int64 = 0

    /// The current chunk of UTF-8 bytes; valid until the next `fill()`.
    private(set) var chunk: UnsafePointer<UInt8>
    /// Number of bytes in `chunk`.
    private(set) var chunkCount = 0
    /// How far the reader has consumed `chunk`.
    var position = 0

    /// Opens the file; `encoding` nil means detect. A byte-order mark overrides the given encoding.
    init(url: URL, encoding requested: TextEncoding?, chunkSize: Int) throws {
        file = try FileHandle(forReadingFrom: url)
        let descriptor = file.fileDescriptor
        self.descriptor = descriptor
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Self.posixError() }
        totalBytes = Int64(info.st_size)

        let sampleCount = Int(Swift.min(Int64(requested == nil ? Self.sampleSize : 4), totalBytes))
        var sample = [UInt8](repeating: 0, count: sampleCount)
        let sampled = try sample.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return try Self.readFully(descriptor, into: base, count: sampleCount, at: 0)
        }
        let detected = sample.withUnsafeBufferPointer { buffer -> (TextEncoding, Int) in
            let slice = UnsafeBufferPointer(rebasing: buffer[0..<sampled])
            if let mark = TextEncoding.byteOrderMark(slice) { return (mark.encoding, mark.length) }
            return (requested ?? TextEncoding.detect(buffer: slice), 0)
        }
        encoding = detected.0
        contentStart = Int64(detected.1)
        fileOffset = contentStart

        rawCapacity = Swift.max(chunkSize, 8)
        raw = .allocate(capacity: rawCapacity)
        if encoding == .utf8 {
            converter = nil
            output = raw
            outputCapacity = rawCapacity
        } else {
            guard let converter = IconvConverter(from: encoding.iconvName) else {
                raw.deallocate()
                throw TextFormatError(
                    line: 1, reason: "iconv cannot convert from \(encoding.displayName) on this system")
            }
            self.converter = converter
            // GB18030 and UTF-16 grow at most 3/2 when converted to UTF-8.
            outputCapacity = rawCapacity + rawCapacity / 2 + 16
            output = .allocate(capacity: outputCapacity)
        }
        chunk = UnsafePointer(output)
    }

    deinit {
        if output != raw { output.deallocate() }
        raw.deallocate()
    }

    /// Input bytes of the file consumed so far, for progress reporting.
    var bytesRead: Int64 {
        if fileEnded && position >= chunkCount { return totalBytes }
        if converter == nil { return chunkFileOffset + Int64(position) }
        return fileOffset - Int64(rawEnd - rawStart)
    }

    /// True once `fill()` has returned `.end`.
    var isAtEnd: Bool { fileEnded && position >= chunkCount && rawStart == rawEnd }

    /// Replaces the current chunk with the next bytes of the file.
    func fill() throws -> Fill {
        position = 0
        chunkCount = 0
        if let converter {
            return try fillConverted(converter)
        }
        chunkFileOffset = fileOffset
        let count = try Self.readFully(descriptor, into: raw, count: rawCapacity, at: fileOffset)
        fileOffset += Int64(count)
        guard count > 0 else {
            fileEnded = true
            return .end
        }
        chunkCount = count
        return .data
    }

    /// Goes back to the start of the content (after any byte-order mark).
    func rewind() {
        fileOffset = contentStart
        fileEnded = false
        rawStart = 0
        rawEnd = 0
        needsMoreInput = false
        pendingInvalid = nil
        chunkCount = 0
        position = 0
        chunkFileOffset = contentStart
        converter?.reset()
    }

    private func fillConverted(_ converter: IconvConverter) throws -> Fill {
        if let pendingInvalid { return .invalid(pendingInvalid) }
        var produced = 0
        while true {
            if rawStart == rawEnd || needsMoreInput {
                if fileEnded {
                    if rawStart < rawEnd {
                        let bytes = UnsafeBufferPointer(start: raw + rawStart, count: rawEnd - rawStart)
                        pendingInvalid =
                            "file ends inside a \(encoding.displayName) sequence (\(ByteDescription.hexList(bytes)))"
                    }
                    if produced > 0 { return publish(produced) }
                    if let pendingInvalid { return .invalid(pendingInvalid) }
                    return .end
                }
                if rawStart > 0 {
                    memmove(raw, raw + rawStart, rawEnd - rawStart)
                    rawEnd -= rawStart
                    rawStart = 0
                }
                let count = try Self.readFully(
                    descriptor, into: raw + rawEnd, count: rawCapacity - rawEnd, at: fileOffset)
                fileOffset += Int64(count)
                rawEnd += count
                needsMoreInput = false
                if count == 0 { fileEnded = true }
                continue
            }
            var input = raw + rawStart
            var inputLeft = rawEnd - rawStart
            var out = output + produced
            var outputLeft = outputCapacity - produced
            let outcome = converter.convert(input: &input, inputLeft: &inputLeft, output: &out, outputLeft: &outputLeft)
            rawStart = rawEnd - inputLeft
            produced = outputCapacity - outputLeft
            switch outcome {
            case .done:
                if produced > 0 { return publish(produced) }
            case .outputFull:
                return publish(produced)
            case .incomplete:
                needsMoreInput = true
                if produced > 0 { return publish(produced) }
            case .invalid:
                let available = rawEnd - rawStart
                let length = Swift.min(available, invalidSequenceLength(raw + rawStart, available: available))
                let bytes = UnsafeBufferPointer(start: raw + rawStart, count: length)
                let reason = "bytes are not valid \(encoding.displayName) (\(ByteDescription.hexList(bytes)))"
                pendingInvalid = reason
                if produced > 0 { return publish(produced) }
                return .invalid(reason)
            }
        }
    }

    private func publish(_ count: Int) -> Fill {
        chunk = UnsafePointer(output)
        chunkCount = count
        return .data
    }

    /// How many bytes to show for an invalid sequence starting at `start`.
    private func invalidSequenceLength(_ start: UnsafePointer<UInt8>, available: Int) -> Int {
        switch encoding {
        case .gb18030:
            let lead = start[0]
            guard lead >= 0x81 && lead <= 0xFE else { return 1 }
            if available >= 2 && start[1] >= 0x30 && start[1] <= 0x39 { return 4 }
            return 2
        case .utf16LE:
            if available >= 2 && start[1] >= 0xD8 && start[1] <= 0xDB { return 4 }
            return 2
        case .utf16BE:
            if start[0] >= 0xD8 && start[0] <= 0xDB { return 4 }
            return 2
        case .utf8:
            return 1
        }
    }

    private static func readFully(
        _ descriptor: Int32, into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int64
    ) throws -> Int {
        var done = 0
        while done < count {
            let result = pread(descriptor, buffer + done, count - done, off_t(offset) + off_t(done))
            if result < 0 {
                if errno == EINTR { continue }
                throw posixError()
            }
            if result == 0 { break }
            done += result
        }
        return done
    }

    private static func posixError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}
