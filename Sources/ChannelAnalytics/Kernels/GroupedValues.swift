/// Values gathered by group into one buffer, each group's values side by side (a parallel counting sort), for
/// per-group order statistics such as medians.
final class GroupedValues: @unchecked Sendable {
    /// Group g's values are `buffer[starts[g] ..< starts[g + 1]]`.
    let starts: [Int]
    private let buffer: UnsafeMutableBufferPointer<Int64>

    /// Gathers `values[i]` of every fact `i` whose key is not negative into group `keys[i]`.
    init(keys: [Int32], values: [Int64], groups: Int) {
        let chunkSize = Column<Int32>.chunkSize
        let chunks = (keys.count + chunkSize - 1) / chunkSize
        // Per chunk, how many of its facts fall in each group.
        let counts: [[Int]] = Parallel.array(count: chunks, chunkSize: 1) { c, output in
            var counts = [Int](repeating: 0, count: groups)
            for key in keys[(c * chunkSize)..<min(keys.count, (c + 1) * chunkSize)] where key >= 0 { counts[Int(key)] += 1 }
            output.set(c, counts)
        }
        // Where each chunk writes each group: groups in order, chunks in order within a group.
        var starts = [Int](repeating: 0, count: groups + 1)
        var offsets = [[Int]](repeating: [Int](repeating: 0, count: groups), count: chunks)
        var total = 0
        for g in 0..<groups {
            starts[g] = total
            for c in 0..<chunks {
                offsets[c][g] = total
                total += counts[c][g]
            }
        }
        starts[groups] = total
        self.starts = starts
        buffer = .allocate(capacity: max(total, 1))
        let output = ArrayOutput(base: buffer.baseAddress ?? UnsafeMutablePointer.allocate(capacity: 1))
        let chunkOffsets = offsets
        _ = Parallel.partials(chunks: chunks, initial: { () }) { c, _ in
            var next = chunkOffsets[c]
            for i in (c * chunkSize)..<min(keys.count, (c + 1) * chunkSize) {
                let key = keys[i]
                if key < 0 { continue }
                output.set(next[Int(key)], values[i])
                next[Int(key)] += 1
            }
        }
    }

    deinit { buffer.deallocate() }

    var groups: Int { starts.count - 1 }

    func count(_ g: Int) -> Int { starts[g + 1] - starts[g] }

    /// Group g's values, to reorder in place; each group must be used by one worker at a time.
    func values(_ g: Int) -> UnsafeMutableBufferPointer<Int64> {
        UnsafeMutableBufferPointer(rebasing: buffer[starts[g]..<starts[g + 1]])
    }
}
