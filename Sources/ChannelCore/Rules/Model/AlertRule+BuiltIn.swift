extension AlertRule {
    /// The rules Qudao starts with, one per risk of the design: stock below the safety line, late deliveries, online
    /// prices undercutting dealers, complaint SLAs, partners weakening or suspended, and anomalous orders.
    ///
    /// They are parsed from ``builtInRulesYAML`` against ``RuleCatalogue/standard``; a test keeps that text clean,
    /// so the fallback to no rules never happens in practice.
    public static let builtIn: [AlertRule] = (try? AlertRuleFile.parse(builtInRulesYAML, catalogue: .standard)) ?? []

    /// The built-in rules as a rules file, also a starting point for a deployment's own file.
    public static let builtInRulesYAML = """
        rules:
          - id: stock-below-safety
            name: 库存低于安全库存
            name_en: Stock below safety stock
            severity: critical
            cooldown: 1d
            risk_type: stock_out
            description: >-
              Stock on hand plus in transit of a SKU at a location is below the safety stock for a 95 % service
              level; replenish or move stock from a backup warehouse.
            condition: {kind: stock_below_safety, service_level: 0.95}

          - id: late-delivery-by-province
            name: 省份准时交付率低于90%
            name_en: On-time delivery below 90% in a province
            severity: warning
            cooldown: 1d
            risk_type: late_delivery
            condition:
              kind: measure
              measure: on_time_rate
              by: [province]
              window: 7d
              op: "<"
              threshold: 0.9
              min_volume: 20

          - id: on-time-rate-drop
            name: 准时交付率较上期下降
            name_en: On-time delivery rate dropping
            severity: warning
            cooldown: 7d
            risk_type: late_delivery
            description: The on-time rate of the last 28 days fell by 5 points or more against the 28 days before.
            condition:
              kind: measure
              measure: on_time_rate
              by: [province]
              window: 28d
              op: "<="
              threshold: -0.05
              compare: {to: previous, as: absolute}
              min_volume: 50

          - id: late-shipments
            name: 订单超过承诺时间未送达
            name_en: Orders past their promised delivery time
            severity: warning
            cooldown: 12h
            risk_type: late_delivery
            condition: {kind: late_shipments, grace: 12h, min_count: 1}

          - id: online-price-below-dealer
            name: 线上价格低于经销商价格
            name_en: Online price below dealer price
            severity: warning
            cooldown: 1d
            risk_type: price_conflict
            description: An online net price is more than 5 % below the typical net price paid by dealers.
            condition: {kind: online_price_below_dealer, tolerance: 0.05, window: 1d}

          - id: complaint-response-overdue
            name: 投诉首次响应超时
            name_en: Complaint first response overdue
            severity: warning
            cooldown: 1d
            risk_type: service_failure
            condition:
              kind: complaint_response_overdue
              sla: {critical: 2h, high: 4h, medium: 24h, low: 72h}

          - id: win-win-drop
            name: 合作伙伴共赢指数下降
            name_en: Partner win-win index dropping
            severity: warning
            cooldown: 7d
            risk_type: partner_risk
            description: >-
              The win-win index of a partner fell by more than 10 points from one quarter (91 days) to the
              next.
            condition: {kind: win_win_drop, points: 10, window: 91d}

          - id: suspended-partner-order
            name: 暂停合作的伙伴下单
            name_en: Order from a suspended partner
            severity: critical
            cooldown: 1d
            risk_type: partner_risk
            condition: {kind: suspended_partner_order, since: 7d}

          - id: anomalous-order
            name: 异常订单
            name_en: Anomalous order
            severity: warning
            cooldown: 1d
            risk_type: fraud
            description: Quantity spikes, prices far from the usual and duplicated orders found by the anomaly detector.
            condition:
              kind: anomalous_order
              kinds: [quantity_spike, price_deviation, duplicate_order]
              min_score: 5
        """
}
