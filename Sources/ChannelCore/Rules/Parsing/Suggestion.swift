/// Finds the known word a mistyped one was probably meant to be, for "did you mean ...?" hints.
enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo: the same after dropping case,
    /// `_` and `-` (`minVolume`, `min-volume`), one a prefix of the other (`compare_to`), or within a few edits
    /// (`thresold`).
    static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let normalizedWord = normalized(word)
        guard !normalizedWord.isEmpty else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let normalizedCandidate = normalized(candidate)
            if normalizedCandidate == normalizedWord { return candidate }
            let distance = editDistance(Array(normalizedWord), Array(normalizedCandidate))
            let allowed = max(1, min(3, normalizedCandidate.count / 3))
            let isPrefix =
                min(normalizedWord.count, normalizedCandidate.count) >= 4
                && (normalizedWord.hasPrefix(normalizedCandidate) || normalizedCandidate.hasPrefix(normalizedWord))
            guard distance <= allowed || isPrefix else { continue }
            if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// Lower case without `_`, `-` and spaces, so spelling variants of one key compare equal.
    private static func normalized(_ word: String) -> String {
        String(word.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    /// Levenshtein distance: the fewest insertions, deletions and substitutions turning `a` into `b`.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
