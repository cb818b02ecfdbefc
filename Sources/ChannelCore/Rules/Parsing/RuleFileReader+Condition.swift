import Yams

extension RuleFileReader {
    /// Reads a `condition:` mapping: its `kind`, then the parameters of that kind.
    func readCondition(_ node: Node, path: IssuePath) -> AlertCondition? {
        guard let fields = fields(of: node, path: path, expectation: "expected a condition (a mapping with kind: ...)")
        else { return nil }
        let kinds = ConditionKind.allCases.map(\.rawValue)
        guard let kindNode = required("kind", in: fields, example: kinds.joined(separator: " | ")),
            let kind: ConditionKind = choice(kindNode, path: path.appending("kind"), what: "a condition kind")
        else { return nil }

        let allowed = ConditionKeys.keys(of: kind)
        rejectUnknownKeys(in: fields, allowed: allowed) { key in
            let owners = ConditionKeys.kinds(allowing: key).map { "`\($0.rawValue)`" }
            guard !owners.isEmpty else { return nil }
            return "`\(key)` only applies to \(owners.joined(separator: ", ")) conditions, not `\(kind.rawValue)`"
        }
        var condition: AlertCondition?
        let clean = isClean {
            switch kind {
            case .measure: condition = readMeasure(fields).map(AlertCondition.measure)
            case .stockBelowSafety: condition = readStockBelowSafety(fields).map(AlertCondition.stockBelowSafety)
            case .complaintResponseOverdue:
                condition = readComplaintResponseOverdue(fields).map(AlertCondition.complaintResponseOverdue)
            case .winWinDrop: condition = readWinWinDrop(fields).map(AlertCondition.winWinDrop)
            case .onlinePriceBelowDealer:
                condition = readOnlinePriceBelowDealer(fields).map(AlertCondition.onlinePriceBelowDealer)
            case .suspendedPartnerOrder:
                condition = readSuspendedPartnerOrder(fields).map(AlertCondition.suspendedPartnerOrder)
            case .lateShipments: condition = readLateShipments(fields).map(AlertCondition.lateShipments)
            case .anomalousOrder: condition = readAnomalousOrder(fields).map(AlertCondition.anomalousOrder)
            }
        }
        return clean ? condition : nil
    }

    private func readStockBelowSafety(_ fields: MappingFields) -> StockBelowSafetyCondition? {
        let path = fields.path
        let levels = StockBelowSafetyCondition.serviceLevels
        let serviceLevel = fields["service_level"].flatMap {
            number(
                $0, path: path.appending("service_level"), in: levels,
                meaning: "a service level is from \(levels.lowerBound) to \(levels.upperBound), e.g. 0.95")
        }
        let locations = fields["locations"].flatMap {
            distinctList($0, path: path.appending("locations"), example: "[WH-SH-01, WH-GZ-*]") { item, itemPath in
                guard let text = text(item, path: itemPath) else { return nil }
                guard !text.dropLast().contains("*") else {
                    report(
                        "`\(text)` has `*` inside; `*` may only end a prefix, e.g. WH-SH-*", at: item, path: itemPath)
                    return nil
                }
                return text
            }
        }
        let skus = fields["skus"].flatMap {
            distinctList($0, path: path.appending("skus"), example: "[SKU-001]") { text($0, path: $1) }
        }
        return StockBelowSafetyCondition(
            serviceLevel: serviceLevel ?? StockBelowSafetyCondition.defaultServiceLevel,
            locations: (locations ?? []).map(LocationPattern.init(rawValue:)), skus: skus ?? [])
    }

    private func readComplaintResponseOverdue(_ fields: MappingFields) -> ComplaintResponseOverdueCondition? {
        let path = fields.path.appending("sla")
        guard let node = required("sla", in: fields, example: "{high: 4h, medium: 24h, low: 72h}") else { return nil }
        switch node {
        case .scalar: return duration(node, path: path).map { .init(sla: .uniform($0)) }
        case .mapping: break
        default:
            report(
                "expected one limit (24h) or a limit per severity ({high: 4h, low: 72h}), found \(node.summary)",
                at: node, path: path)
            return nil
        }
        guard let limits = self.fields(of: node, path: path, expectation: "expected a mapping") else { return nil }
        let severities = catalogue.complaintSeverities
        rejectUnknownKeys(in: limits, allowed: severities)
        guard !limits.entries.isEmpty else {
            report("is an empty mapping; give a limit per severity, e.g. {high: 4h, low: 72h}", at: node, path: path)
            return nil
        }
        var bySeverity: [String: RuleDuration] = [:]
        for entry in limits.entries where severities.contains(entry.key) {
            bySeverity[entry.key] = duration(entry.value, path: path.appending(entry.key))
        }
        return ComplaintResponseOverdueCondition(sla: .bySeverity(bySeverity))
    }

    private func readWinWinDrop(_ fields: MappingFields) -> WinWinDropCondition? {
        let path = fields.path
        let points = required("points", in: fields, example: "10").flatMap { node -> Double? in
            guard let points = number(node, path: path.appending("points")) else { return nil }
            guard points > 0, points <= 100 else {
                report(
                    "\(node.scalar?.string ?? "\(points)") is out of range; "
                        + "the drop is in index points, more than 0 and at most 100",
                    at: node, path: path.appending("points"))
                return nil
            }
            return points
        }
        let window = required("window", in: fields, example: "91d").flatMap {
            self.window($0, path: path.appending("window"))
        }
        let tiers = fields["tiers"].flatMap { readTiers($0, path: path.appending("tiers")) }
        guard let points, let window else { return nil }
        return WinWinDropCondition(points: points, window: window, tiers: tiers ?? [])
    }

    private func readTiers(_ node: Node, path: IssuePath) -> [Int]? {
        let range = catalogue.partnerTiers
        var seen: Set<Int> = []
        return list(node, path: path, example: "[1, 2]") { item, itemPath in
            guard let tier = integer(item, path: itemPath) else { return nil }
            guard range.contains(tier) else {
                report(
                    "\(tier) is not a partner tier; tiers are \(range.lowerBound) to \(range.upperBound)", at: item,
                    path: itemPath)
                return nil
            }
            guard seen.insert(tier).inserted else {
                report("\(tier) is listed twice", at: item, path: itemPath)
                return nil
            }
            return tier
        }
    }

    private func readOnlinePriceBelowDealer(_ fields: MappingFields) -> OnlinePriceBelowDealerCondition? {
        let path = fields.path
        let tolerance = required("tolerance", in: fields, example: "0.05").flatMap {
            number(
                $0, path: path.appending("tolerance"), in: 0...0.99,
                meaning: "a tolerance is a fraction of the dealer price from 0 to 0.99, e.g. 0.05 for 5 %")
        }
        let window = required("window", in: fields, example: "7d").flatMap {
            self.window($0, path: path.appending("window"))
        }
        guard let tolerance, let window else { return nil }
        return OnlinePriceBelowDealerCondition(tolerance: tolerance, window: window)
    }

    private func readSuspendedPartnerOrder(_ fields: MappingFields) -> SuspendedPartnerOrderCondition? {
        SuspendedPartnerOrderCondition(
            since: fields["since"].flatMap { window($0, path: fields.path.appending("since")) })
    }

    private func readLateShipments(_ fields: MappingFields) -> LateShipmentsCondition? {
        let path = fields.path
        let grace = required("grace", in: fields, example: "12h").flatMap {
            duration($0, path: path.appending("grace"))
        }
        let minCount = fields["min_count"].flatMap { positiveInteger($0, path: path.appending("min_count")) }
        guard let grace else { return nil }
        return LateShipmentsCondition(grace: grace, minCount: minCount)
    }

    private func readAnomalousOrder(_ fields: MappingFields) -> AnomalousOrderCondition? {
        let path = fields.path
        let kinds = fields["kinds"].flatMap {
            distinctList($0, path: path.appending("kinds"), example: "[quantity_spike, duplicate_order]") {
                oneOf($0, path: $1, among: catalogue.anomalyKinds, what: "an anomaly kind")
            }
        }
        let minScore = fields["min_score"].flatMap {
            number(
                $0, path: path.appending("min_score"), in: 0...Double.greatestFiniteMagnitude,
                meaning: "a score is 0 or more")
        }
        return AnomalousOrderCondition(kinds: kinds ?? [], minScore: minScore)
    }

    /// A whole number of at least 1.
    func positiveInteger(_ node: Node, path: IssuePath) -> Int? {
        guard let value = integer(node, path: path) else { return nil }
        guard value >= 1 else {
            report("\(value) is too small; give 1 or more", at: node, path: path)
            return nil
        }
        return value
    }
}
