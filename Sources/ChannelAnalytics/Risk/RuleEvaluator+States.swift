import ChannelCore
import Synchronization

/// The rules on entity states: stock, complaints, partners, prices, orders.
extension RuleEvaluator {
    func stockBelowSafety(
        _ rule: AlertRule, _ condition: StockBelowSafetyCondition, _ context: Context
    ) throws -> [AlertFinding] {
        var settings = StockReplenishment.Settings()
        settings.serviceLevel = condition.serviceLevel
        return try StockReplenishment.run(
            on: context.snapshot, settings: settings, outlook: context.baselines.demand, explained: false
        ).compactMap { line in
            guard condition.locations.isEmpty || condition.locations.contains(where: { $0.matches(line.location) }),
                condition.skus.isEmpty || condition.skus.contains(line.sku),
                line.plan.inventoryPosition < line.plan.safetyStock
            else { return nil }
            let (position, safety) = (Self.number(line.plan.inventoryPosition), Self.number(line.plan.safetyStock))
            return AlertFinding(
                ruleID: rule.id, subject: "location=\(line.location)&sku=\(line.sku)", value: line.plan.inventoryPosition,
                threshold: line.plan.safetyStock,
                message: "\(line.location) 的 \(line.sku) 库存+在途 \(position) 低于安全库存 \(safety)（服务水平 \(Self.number(condition.serviceLevel))）",
                messageEnglish: "\(line.sku) at \(line.location): on hand + in transit \(position) is below the safety stock \(safety) "
                    + "(service level \(Self.number(condition.serviceLevel)))")
        }
    }

    func complaintsOverdue(
        _ rule: AlertRule, _ condition: ComplaintResponseOverdueCondition, _ context: Context
    ) -> [AlertFinding] {
        let complaints = context.snapshot.complaints
        let orders = context.snapshot.orders
        let now = context.instant.millisecondsSinceEpoch
        let severities = ComplaintSeverity.allCases
        var findings: [AlertFinding] = []
        for index in 0..<complaints.count {
            let opened = complaints.openedAt[index]
            guard opened != noInstant, complaints.firstResponseAt[index] == noInstant,
                Int(complaints.severity[index]) < severities.count,
                let limit = condition.sla.limit(for: severities[Int(complaints.severity[index])].rawValue)
            else { continue }
            let waited = now - opened
            guard waited > Int64(limit.seconds) * 1_000 else { continue }
            let hours = Double(waited) / 3_600_000
            let severity = severities[Int(complaints.severity[index])].rawValue
            let order = complaints.order[index]
            let orderRow = order > 0 ? orders.rowID[Int(order)] : -1
            findings.append(
                AlertFinding(
                    ruleID: rule.id, subject: "complaint=\(orderRow)@\(opened)", value: hours, threshold: Double(limit.seconds) / 3_600,
                    message: "\(severity) 级投诉已等待首次响应 \(Self.number((hours * 10).rounded() / 10)) 小时，超过时限 \(limit)",
                    messageEnglish: "a \(severity) complaint has waited \(Self.number((hours * 10).rounded() / 10)) h for a first response, past its \(limit) SLA"))
        }
        return findings
    }

    func winWinDrop(_ rule: AlertRule, _ condition: WinWinDropCondition, _ context: Context) throws -> [AlertFinding] {
        var filters: [CubeDimension: [String]] = [:]
        if !condition.tiers.isEmpty { filters[.tier] = condition.tiers.map(String.init) }
        let days = condition.window.seconds / 86_400
        let result = try Cube.run(
            CubeQuery(measures: [.winWinIndex], dimensions: [.partner], filters: filters, period: context.window(days: days), comparison: .previousPeriod),
            on: context.snapshot)
        return result.rows.compactMap { row in
            guard let now = row.values[0].number, let before = row.previous?[0].number, before - now > condition.points,
                let partner = row.keys.first
            else { return nil }
            return AlertFinding(
                ruleID: rule.id, subject: "partner=\(partner.code)", value: now - before, threshold: -condition.points,
                message: "\(partner.label)（\(partner.code)）共赢指数由 \(Self.number(before)) 降至 \(Self.number(now))（近 \(days) 天对比前 \(days) 天）",
                messageEnglish: "\(partner.label) (\(partner.code)): win-win index fell from \(Self.number(before)) to \(Self.number(now)) "
                    + "(last \(days) days against the \(days) before)")
        }
    }

    /// Per SKU, the median online net unit price of the window against the median offline (dealer) one.
    func onlinePriceBelowDealer(
        _ rule: AlertRule, _ condition: OnlinePriceBelowDealerCondition, _ context: Context
    ) -> [AlertFinding] {
        let snapshot = context.snapshot
        let window = context.window(days: condition.window.seconds / 86_400)
        let (first, last) = (window.lowerBound.daysSinceEpoch, window.upperBound.daysSinceEpoch)
        let online = UInt8(SalesChannel.allCases.firstIndex(of: .online) ?? 0)
        let live = Set(OrderStatus.allCases.enumerated().filter { $0.element != .cancelled }.map { UInt8($0.offset) })
        let products = snapshot.dimensions.products.count
        var prices = [[Int64]](repeating: [], count: products * 2)
        for order in 1..<snapshot.orders.count {
            let day = snapshot.orders.day[order]
            guard day >= first, day <= last, live.contains(snapshot.orders.status[order]) else { continue }
            let side = snapshot.orders.channel[order] == online ? 1 : 0
            let start = Int(snapshot.orders.lineStart[order])
            for line in start..<(start + Int(snapshot.orders.lineCount[order])) {
                prices[Int(snapshot.lines.product[line]) * 2 + side].append(snapshot.lines.unitNet[line])
            }
        }
        var findings: [AlertFinding] = []
        for product in 0..<products {
            guard let offline = Quantile.of(&prices[product * 2], 0.5), let onlinePrice = Quantile.of(&prices[product * 2 + 1], 0.5),
                offline > 0, onlinePrice < offline * (1 - condition.tolerance)
            else { continue }
            let sku = snapshot.dimensions.products.sku[product]
            let ratio = onlinePrice / offline
            let yuan = { (value: Double) in Self.number((value / Double(LineTable.unitNetScale) * 100).rounded() / 100) }
            findings.append(
                AlertFinding(
                    ruleID: rule.id, subject: "sku=\(sku)", value: ratio, threshold: 1 - condition.tolerance,
                    message: "\(sku) 线上净价中位数 ¥\(yuan(onlinePrice)) 为线下（经销商）¥\(yuan(offline)) 的 \(Self.number((ratio * 1000).rounded() / 10))%",
                    messageEnglish: "\(sku): median online net price ¥\(yuan(onlinePrice)) is \(Self.number((ratio * 1000).rounded() / 10))% "
                        + "of the offline (dealer) ¥\(yuan(offline))"))
        }
        return findings
    }

    func suspendedPartnerOrders(
        _ rule: AlertRule, _ condition: SuspendedPartnerOrderCondition, _ context: Context
    ) throws -> [AlertFinding] {
        let snapshot = context.snapshot
        let partners = snapshot.dimensions.partners
        let first = condition.since.map { context.window(days: $0.seconds / 86_400).lowerBound.daysSinceEpoch } ?? Int32.min
        var found: [(order: Int, rowID: Int64)] = []
        for order in 1..<snapshot.orders.count where snapshot.orders.status[order] != OrderTable.removedStatus {
            let partner = Int(snapshot.orders.partner[order])
            guard partner >= 0, partners.status[partner] == .suspended, snapshot.orders.day[order] >= first else { continue }
            found.append((order, snapshot.orders.rowID[order]))
        }
        let codes = try context.orderCodes(found.map(\.rowID))
        return found.compactMap { item in
            guard let code = codes[item.rowID] else { return nil }
            let partner = partners.code[Int(snapshot.orders.partner[item.order])]
            return AlertFinding(
                ruleID: rule.id, subject: "order=\(code)", value: nil, threshold: nil,
                message: "订单 \(code) 来自已暂停的渠道伙伴 \(partner)",
                messageEnglish: "order \(code) comes from the suspended partner \(partner)")
        }
    }

    func lateShipments(_ rule: AlertRule, _ condition: LateShipmentsCondition, _ context: Context) -> [AlertFinding] {
        let orders = context.snapshot.orders
        let cutoff = context.instant.millisecondsSinceEpoch - Int64(condition.grace.seconds) * 1_000
        let open = Set(OrderStatus.allCases.enumerated().filter { !$0.element.hasDelivered && $0.element != .cancelled }.map { UInt8($0.offset) })
        var late = 0
        for order in 1..<orders.count where open.contains(orders.status[order]) {
            let promised = orders.promisedAt[order]
            if promised != noInstant, promised < cutoff, orders.deliveredAt[order] == noInstant { late += 1 }
        }
        guard late >= (condition.minCount ?? 1) else { return [] }
        return [
            AlertFinding(
                ruleID: rule.id, subject: "all", value: Double(late), threshold: Double(condition.minCount ?? 1),
                message: "\(late) 个订单超过承诺送达时间 \(condition.grace) 仍未送达",
                messageEnglish: "\(late) orders are more than \(condition.grace) past their promised delivery and not delivered")
        ]
    }

    func anomalousOrders(_ rule: AlertRule, _ condition: AnomalousOrderCondition, _ context: Context) throws -> [AlertFinding] {
        let anomalies = try context.anomalies.withLock { found in
            if let found { return found }
            let model = context.baselines.anomalies ?? AnomalyModel(learning: context.snapshot)
            let flags = try model.flags(in: context.snapshot, days: context.window(days: Self.anomalyDays), orderCodes: context.orderCodes)
            found = flags
            return flags
        }
        let chosen = anomalies.filter { item in
            (condition.kinds.isEmpty || condition.kinds.contains(item.flag.kind.rawValue)) && item.flag.score >= (condition.minScore ?? -.infinity)
        }
        let codes = try context.orderCodes(Array(Set(chosen.map(\.rowID))))
        return chosen.compactMap { item in
            guard let code = codes[item.rowID] else { return nil }
            let line = item.flag.lineNo.map { "&line=\($0)" } ?? ""
            return AlertFinding(
                ruleID: rule.id, subject: "order=\(code)\(line)&kind=\(item.flag.kind.rawValue)", value: item.flag.score, threshold: condition.minScore,
                message: "订单 \(code)\(item.flag.lineNo.map { " 第 \($0) 行" } ?? "")：\(item.flag.reason.chinese)",
                messageEnglish: "order \(code)\(item.flag.lineNo.map { " line \($0)" } ?? ""): \(item.flag.reason.english)")
        }
    }
}
