import Yams

/// Values of plans files that rules files do not have: amounts, counts, basis points, identifiers, owners, lengths
/// that may be zero, currencies, and duplicates across a list.
extension RuleFileReader {
    /// An exact amount of at least 0 in `currency`, written as a plain decimal number (`38.50`, or quoted `"38.50"`
    /// as JSON amounts usually are), with no more decimals than the currency has.
    func amount(_ node: Node, path: IssuePath, currency: CurrencyCode, example: String) -> Money? {
        guard case .scalar(let scalar) = node, !node.isNull, !node.isScalar(of: .bool) else {
            report("expected an amount such as \(example), found \(node.summary)", at: node, path: path)
            return nil
        }
        var text = scalar.string
        if node.isScalar(of: .int) || node.isScalar(of: .float) {
            text = String(text.unicodeScalars.filter { $0 != "_" })
        }
        let money: Money
        do {
            money = try Money(parsing: text, currency: currency)
        } catch {
            report(
                "`\(text)` \(error.reason); write a plain amount in \(currency) such as \(example), without a currency "
                    + "sign or thousands separators", at: node, path: path)
            return nil
        }
        guard money.minorUnits >= 0 else {
            report("`\(text)` is negative; an amount is 0 or more", at: node, path: path)
            return nil
        }
        return money
    }

    /// A whole number of at least `minimum`.
    func count(_ node: Node, path: IssuePath, minimum: Int, meaning: String) -> Int? {
        guard let value = integer(node, path: path) else { return nil }
        guard value >= minimum else {
            report("\(value) is too small; \(meaning)", at: node, path: path)
            return nil
        }
        return value
    }

    /// Basis points in ``CompensationTerms/basisPoints`` (1…10,000).
    func basisPoints(_ node: Node, path: IssuePath) -> Int? {
        guard let value = integer(node, path: path) else { return nil }
        guard CompensationTerms.basisPoints.contains(value) else {
            report(
                "\(value) is out of range; basis points are 1 to 10000 (50 = 0.5 %, 10000 = 100 %)", at: node,
                path: path)
            return nil
        }
        return value
    }

    /// A code such as a supplier's or a SKU: 1…64 bytes, no surrounding spaces or control characters.
    func identifier<Entity>(_ node: Node, path: IssuePath) -> Identifier<Entity>? {
        guard let text = text(node, path: path) else { return nil }
        do { return try Identifier<Entity>(parsing: text) } catch {
            report("`\(text)` \(error.reason); a code is 1 to 64 characters", at: node, path: path)
            return nil
        }
    }

    /// The owner of a step: a role code or `user:NAME`.
    func stepOwner(_ node: Node, path: IssuePath) -> StepOwner? {
        guard let text = text(node, path: path) else { return nil }
        if text.hasPrefix(StepOwner.userPrefix) {
            do { return try StepOwner(parsing: text) } catch {
                report("`\(text)` \(error.reason); write e.g. user:li.wei", at: node, path: path)
                return nil
            }
        }
        if let role = OwnerRole(rawValue: text) { return .role(role) }
        let roles = OwnerRole.allCases.map(\.rawValue)
        var message = "`\(text)` is not an owner"
        if let suggestion = Suggestion.closest(to: text, among: roles) { message += " (did you mean `\(suggestion)`?)" }
        message += "; use a role (\(roles.joined(separator: ", "))) or user:NAME for one person"
        report(message, at: node, path: path)
        return nil
    }

    /// A length that may be zero (`0h`, a lead time of stock on hand), else as ``duration(_:path:maximum:)``.
    func lengthAllowingZero(_ node: Node, path: IssuePath) -> RuleDuration? {
        if !node.isNull, let text = node.scalar?.string, let length = RuleDuration(text), length.seconds == 0 {
            return length
        }
        return duration(node, path: path)
    }

    /// The currency of the mapping `fields` (its `currency` key, CNY when absent), which must be the plan's one
    /// currency; the first mapping with amounts sets it.
    func planCurrency(of fields: MappingFields, pricing: inout PlanPricing) -> CurrencyCode? {
        let path = fields.path.appending("currency")
        var currency = CurrencyCode.cny
        let node = fields["currency"]
        if let node {
            guard let text = text(node, path: path) else { return nil }
            do { currency = try CurrencyCode(parsing: text) } catch {
                report("`\(text)` \(error.reason), e.g. CNY", at: node, path: path)
                return nil
            }
        }
        if let planned = pricing.currency, let source = pricing.source, planned != currency {
            let written = node == nil ? "\(currency) (the default, as no `currency` is given)" : "\(currency)"
            report(
                "amounts here are in \(written), but \(source) is in \(planned); every amount of a plan is in one "
                    + "currency", at: node ?? fields.node, path: path)
            return nil
        }
        if pricing.currency == nil {
            pricing.currency = currency
            pricing.source = fields.path
        }
        return currency
    }

    /// Reports every value of `key` that an earlier mapping of `items` (the list at `listPath`) has already, whether
    /// or not either mapping has other issues.
    func reportDuplicates(of key: String, in items: Node.Sequence, listPath: IssuePath, what: String, rule: String) {
        var firstUse: [String: (index: Int, position: SourcePosition)] = [:]
        for (index, node) in items.enumerated() {
            guard case .mapping(let mapping) = node,
                let valueNode = MappingFields(mapping, node: node, path: listPath.appending(index))[key],
                !valueNode.isNull, let value = valueNode.scalar?.string
            else { continue }
            guard let first = firstUse[value] else {
                firstUse[value] = (index, valueNode.position)
                continue
            }
            report(
                "duplicate \(what) `\(value)`; \(listPath.appending(first.index)) at \(first.position) has it already, "
                    + "and \(rule)", at: valueNode, path: listPath.appending(index).appending(key))
        }
    }
}
