import Yams

extension RuleFileReader {
    /// The keys of compensation terms, in canonical order.
    static let compensationKeys = [
        "currency", "target", "grace", "per_breach", "per_started_hour", "per_started_day", "order_value_bp_per_day",
        "max_amount", "max_order_value_bp",
    ]

    /// The keys that make something owed; at least one must be given.
    private static let compensationPartKeys = [
        "per_breach", "per_started_hour", "per_started_day", "order_value_bp_per_day",
    ]

    /// Reads compensation terms (a plan's `compensation:`, or a standalone SLA); nil when any value was refused.
    func readCompensation(_ node: Node, path: IssuePath, pricing: inout PlanPricing) -> CompensationTerms? {
        guard
            let fields = fields(
                of: node, path: path,
                expectation: "expected compensation terms (a mapping with target, per_breach, per_started_hour, ...)")
        else { return nil }
        var terms: CompensationTerms?
        let issuesBefore = issues.count
        let clean = isClean {
            rejectUnknownKeys(in: fields, allowed: Self.compensationKeys) { key in
                switch key {
                case "per_hour", "hourly", "rate": "write the rate as `per_started_hour` or `per_started_day`"
                case "cap", "maximum", "max": "write caps as `max_amount` and/or `max_order_value_bp`"
                default: nil
                }
            }
            let currency = planCurrency(of: fields, pricing: &pricing)
            let target = required("target", in: fields, example: "48h").flatMap {
                duration($0, path: path.appending("target"))
            }
            let grace = fields["grace"].flatMap { lengthAllowingZero($0, path: path.appending("grace")) }
            func money(_ key: String, example: String) -> Money? {
                guard let node = fields[key], let currency else { return nil }
                return amount(node, path: path.appending(key), currency: currency, example: example)
            }
            let perBreach = money("per_breach", example: "200")
            let hourly = money("per_started_hour", example: "50")
            let daily = money("per_started_day", example: "500")
            if let node = fields["per_started_day"], fields["per_started_hour"] != nil {
                report(
                    "give either per_started_hour or per_started_day, not both", at: node,
                    path: path.appending("per_started_day"))
            }
            let points = fields["order_value_bp_per_day"].flatMap {
                basisPoints($0, path: path.appending("order_value_bp_per_day"))
            }
            let maximum = money("max_amount", example: "5000")
            let maximumPoints = fields["max_order_value_bp"].flatMap {
                basisPoints($0, path: path.appending("max_order_value_bp"))
            }
            if !Self.compensationPartKeys.contains(where: fields.contains) {
                report(
                    "nothing is owed; give at least one of " + Self.compensationPartKeys.joined(separator: ", "),
                    at: node, path: path)
            }
            // Terms are made only from values that were all accepted, so their own checks add no second report.
            guard issues.count == issuesBefore, let currency, let target else { return }
            do throws(CompensationError) {
                terms = try CompensationTerms(
                    currency: currency, target: target, grace: grace ?? RuleDuration(seconds: 0),
                    perBreach: perBreach,
                    lateRate: hourly.map { LatenessRate(amount: $0, per: .hour) }
                        ?? daily.map { LatenessRate(amount: $0, per: .day) },
                    orderValueBasisPointsPerDay: points, maximumAmount: maximum,
                    maximumOrderValueBasisPoints: maximumPoints)
            } catch {
                // Every value was checked above; this only reports what the terms refuse beyond that.
                report(error.description, at: node, path: path)
            }
        }
        return clean ? terms : nil
    }
}
