#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming iconv conversion from one encoding to UTF-8.
///
/// `@unchecked Sendable`: the iconv handle is only used by the one reader that owns this converter, through the
/// reader's mutating methods.
final class IconvConverter: @unchecked Sendable {
    /// How one `convert` call ended.
    enum Outcome {
        /// All input was converted.
        case done
        /// The output buffer is full; call again with more room.
        case outputFull
        /// The input ends inside a multi-byte sequence; the rest of it is needed.
        case incomplete
        /// The input at the current position is not a valid sequence.
        case invalid
    }

    private let handle: iconv_t

    init?(from encoding: String) {
        let handle = iconv_open("UTF-8", encoding)
        guard let handle, Int(bitPattern: handle) != -1 else { return nil }
        self.handle = handle
    }

    deinit {
        iconv_close(handle)
    }

    /// Converts from `input` into `output`, advancing both and decreasing the remaining counts.
    func convert(
        input: inout UnsafeMutablePointer<UInt8>,
        inputLeft: inout Int,
        output: inout UnsafeMutablePointer<UInt8>,
        outputLeft: inout Int
    ) -> Outcome {
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(input).assumingMemoryBound(to: CChar.self)
        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(output).assumingMemoryBound(
            to: CChar.self)
        let result = iconv(handle, &inPointer, &inputLeft, &outPointer, &outputLeft)
        let code = errno
        if let inPointer { input = UnsafeMutableRawPointer(inPointer).assumingMemoryBound(to: UInt8.self) }
        if let outPointer { output = UnsafeMutableRawPointer(outPointer).assumingMemoryBound(to: UInt8.self) }
        if result != -1 { return .done }
        switch code {
        case E2BIG: return .outputFull
        case EINVAL: return .incomplete
        default: return .invalid
        }
    }

    /// Forgets any shift state, for a rewind.
    func reset() {
        iconv(handle, nil, nil, nil, nil)
    }
}
