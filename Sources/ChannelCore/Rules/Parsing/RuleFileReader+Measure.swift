import Yams

extension RuleFileReader {
    /// Reads a `kind: measure` condition and checks its threshold against the measure (rates lie in 0…1).
    func readMeasure(_ fields: MappingFields) -> MeasureCondition? {
        let path = fields.path
        let measures = catalogue.measures.map(\.rawValue)
        let measure = required("measure", in: fields, example: "on_time_rate").flatMap {
            oneOf($0, path: path.appending("measure"), among: measures, what: "a measure")
        }
        let groupBy = fields["by"].flatMap {
            distinctList($0, path: path.appending("by"), example: "[province]") { dimension($0, path: $1) }
        }
        let filters = fields["filters"].flatMap { readFilters($0, path: path.appending("filters")) }
        let window = required("window", in: fields, example: "7d").flatMap {
            self.window($0, path: path.appending("window"))
        }
        let comparison = required("op", in: fields, example: "\"<\"").flatMap {
            readOperator($0, path: path.appending("op"))
        }
        let change = fields["compare"].flatMap { readChange($0, path: path.appending("compare")) }
        let threshold = required("threshold", in: fields, example: "0.9").flatMap { node -> Double? in
            guard let value = number(node, path: path.appending("threshold")) else { return nil }
            // Without a readable measure or `compare`, the threshold's range is unknown: judge it once they are fixed.
            let isChangeKnown = change != nil || !fields.contains("compare")
            if let measure, isChangeKnown,
                !checkThreshold(value, of: MeasureName(rawValue: measure), change: change, at: node, path: path)
            {
                return nil
            }
            return value
        }
        let minVolume = fields["min_volume"].flatMap { positiveInteger($0, path: path.appending("min_volume")) }
        guard let measure, let window, let comparison, let threshold else { return nil }
        return MeasureCondition(
            measure: MeasureName(rawValue: measure), groupBy: (groupBy ?? []).map(DimensionName.init(rawValue:)),
            filters: filters ?? [:], window: window, comparison: comparison, threshold: threshold, change: change,
            minVolume: minVolume)
    }

    /// A dimension of the catalogue; time buckets are refused with the reason.
    private func dimension(_ node: Node, path: IssuePath) -> String? {
        let dimensions = catalogue.dimensions.map(\.rawValue)
        if let text = node.scalar?.string, catalogue.timeBuckets.contains(DimensionName(rawValue: text)) {
            report(
                "`\(text)` is a time bucket; alert rules judge one window (set by `window`), so use one of "
                    + dimensions.joined(separator: ", "),
                at: node, path: path)
            return nil
        }
        return oneOf(node, path: path, among: dimensions, what: "a dimension")
    }

    /// `filters: {dimension: [code, ...]}`.
    private func readFilters(_ node: Node, path: IssuePath) -> [DimensionName: [String]]? {
        guard
            let fields = fields(
                of: node, path: path, expectation: "expected a mapping of dimension to codes, e.g. {channel: [online]}")
        else { return nil }
        guard !fields.entries.isEmpty else {
            report("is an empty mapping; filter at least one dimension, or leave the key out", at: node, path: path)
            return nil
        }
        var filters: [DimensionName: [String]] = [:]
        var isComplete = true
        for entry in fields.entries {
            let entryPath = path.appending(entry.key)
            let dimension = dimension(entry.keyNode, path: entryPath)
            let codes = distinctList(entry.value, path: entryPath, example: "[GD, ZJ]") { text($0, path: $1) }
            guard let dimension, let codes else {
                isComplete = false
                continue
            }
            filters[DimensionName(rawValue: dimension)] = codes
        }
        return isComplete ? filters : nil
    }

    /// `op`: `<`, `<=`, `>` or `>=`. An unquoted `>` in YAML starts a folded block, which reads as empty text.
    private func readOperator(_ node: Node, path: IssuePath) -> ComparisonOperator? {
        if node.isScalar(of: .str), node.scalar?.string.isEmpty == true, node.scalar?.style == .folded {
            report(
                "is empty: in YAML an unquoted `>` starts a block of text; quote the operator: op: \">\"", at: node,
                path: path)
            return nil
        }
        return choice(node, path: path, what: "a comparison")
    }

    /// `compare: {to: previous, as: relative | absolute}`.
    private func readChange(_ node: Node, path: IssuePath) -> ChangeComparison? {
        guard
            let fields = fields(
                of: node, path: path, expectation: "expected a mapping, e.g. {to: previous, as: relative}")
        else { return nil }
        rejectUnknownKeys(in: fields, allowed: ["to", "as"])
        let baseline: ChangeComparison.Baseline? = fields["to"].flatMap {
            choice($0, path: path.appending("to"), what: "a comparison period")
        }
        let scale: ChangeComparison.Scale? = required("as", in: fields, example: "relative").flatMap {
            choice($0, path: path.appending("as"), what: "a change scale")
        }
        guard let scale else { return nil }
        return ChangeComparison(to: baseline ?? .previous, as: scale)
    }

    /// Whether `threshold` makes sense for `measure`: a rate's level lies in 0…1, an absolute change of a rate in
    /// −1…1, and a relative change is above −1 (a fall of more than 100 % is impossible). Reports when not.
    private func checkThreshold(
        _ threshold: Double, of measure: MeasureName, change: ChangeComparison?, at node: Node, path: IssuePath
    ) -> Bool {
        let isRate = catalogue.rateMeasures.contains(measure)
        let written = node.scalar?.string ?? "\(threshold)"
        let thresholdPath = path.appending("threshold")
        switch change?.scale {
        case nil where isRate && !(0...1).contains(threshold):
            var message = "\(written) is out of range; \(measure) is a rate, a fraction from 0 to 1"
            if (1...100).contains(threshold) {
                message += " (write \(Self.fraction(ofPercent: threshold)) for \(written) %)"
            }
            report(message, at: node, path: thresholdPath)
            return false
        case .absolute where isRate && !(-1...1).contains(threshold):
            report(
                "\(written) is out of range; an absolute change of the rate \(measure) lies from -1 to 1 "
                    + "(-0.05 is a fall of 5 points)",
                at: node, path: thresholdPath)
            return false
        case .relative where threshold <= -1:
            report(
                "\(written) is out of range; a relative change is more than -1 (-0.2 is a fall of 20 %)", at: node,
                path: thresholdPath)
            return false
        default:
            return true
        }
    }

    /// `percent` ÷ 100 as short text: 90 → `0.9`.
    private static func fraction(ofPercent percent: Double) -> String {
        let value = percent / 100
        return value == value.rounded(.towardZero) ? "\(Int(value))" : "\(value)"
    }
}
