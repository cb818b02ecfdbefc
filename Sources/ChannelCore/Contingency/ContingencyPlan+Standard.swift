extension ContingencyPlan {
    /// The plans Qudao starts with, one for each standard risk type (stock-out, late delivery, price conflict, partner
    /// risk, supplier failure, service failure, fraud).
    ///
    /// They are parsed from ``standardPlansYAML`` against ``RuleCatalogue/standard``; a test keeps that text clean, so
    /// the fallback to no plans never happens in practice.
    public static let standard: [ContingencyPlan] =
        (try? ContingencyPlanFile.parse(standardPlansYAML, catalogue: .standard)) ?? []

    /// The first standard plan that answers `riskType`, if any.
    public static func standard(for riskType: RiskType) -> ContingencyPlan? {
        standard.first { $0.answers(riskType) }
    }

    /// The standard plans as a plans file, also a starting point for a deployment's own file.
    public static let standardPlansYAML = """
        plans:
          - id: stock-out-standard
            title: 缺货应急预案
            title_en: Stock-out contingency
            description: >-
              Stock of a SKU at a location is below its safety stock. Close the gap from other warehouses first, then
              from backup suppliers by rank; open a temporary warehouse near the demand when the regular network
              cannot hold or reach the stock in time.
            risk_types: [stock_out]
            steps:
              - key: confirm-gap
                title: 确认缺口：受影响的 SKU、仓库、数量与需求时间
                title_en: "Confirm the gap: SKUs, locations, quantities and when they are needed"
                owner: planner
                sla: 4h
              - key: transfer-stock
                title: 从邻近仓库调拨库存
                title_en: Transfer stock from nearby warehouses
                owner: logistics
                sla: 12h
                after: [confirm-gap]
              - key: order-backup
                title: 按排名向备选供应商下单
                title_en: Order from the backup suppliers by rank
                owner: procurement
                sla: 8h
                after: [confirm-gap]
              - key: open-temporary-warehouse
                title: 评估并启用临时仓
                title_en: Assess and open a temporary warehouse
                owner: logistics
                sla: 1d
                after: [confirm-gap]
              - key: allocate-arrivals
                title: 按订单优先级分配到货并通知受影响的经销商
                title_en: Allocate arriving stock by order priority and tell the affected dealers
                owner: channel_manager
                sla: 1d
                after: [transfer-stock, order-backup]
              - key: inform-customers
                title: 告知受影响客户预计到货时间
                title_en: Tell affected customers when their goods will arrive
                owner: customer_service
                sla: 4h
                after: [allocate-arrivals]
              - key: review
                title: 复盘缺货原因并调整安全库存参数
                title_en: Review the causes and adjust the safety-stock settings
                owner: planner
                sla: 7d
                after: [allocate-arrivals]
            backup_suppliers:
              - {code: SUP-NB-01, name: 宁波备选工厂, rank: 1, capacity_per_day: 800, lead_time: 2d, unit_cost: 41.50}
              - code: SUP-SZ-02
                name: 苏州代工厂
                rank: 2
                capacity_per_day: 500
                lead_time: 3d
                unit_cost: 44.00
                skus: [SKU00001, SKU00002, SKU00003, SKU00004, SKU00005]
              - {code: SUP-CD-03, name: 成都区域供应商, rank: 3, capacity_per_day: 300, lead_time: 1d, unit_cost: 47.80}
            temporary_warehouses:
              - {code: TMP-SH-01, name: 上海嘉定临时仓, city: 上海, capacity: 20000, lead_time: 1d, cost_per_day: 1800}
              - {code: TMP-WH-01, name: 武汉东西湖临时仓, city: 武汉, capacity: 15000, lead_time: 2d, cost_per_day: 1200}
              - {code: TMP-GZ-01, name: 广州白云临时仓, city: 广州, capacity: 12000, lead_time: 12h, cost_per_day: 1500}

          - id: late-delivery-standard
            title: 交付延误应急预案
            title_en: Late delivery contingency
            description: >-
              Orders arrive later than promised. Expedite them, keep partners informed, and pay the compensation the
              delivery promise sets (48 hours, 2 hours' grace).
            risk_types: [late_delivery]
            steps:
              - {key: identify-orders, title: 锁定延误订单与承运商, title_en: Identify the late orders and their carriers, owner: logistics, sla: 2h}
              - {key: expedite, title: 加急或改派承运商, title_en: Expedite or switch carrier, owner: logistics, sla: 6h, after: [identify-orders]}
              - {key: inform-partners, title: 通知经销商新的到货时间, title_en: Tell partners the new delivery times, owner: customer_service, sla: 4h, after: [identify-orders]}
              - {key: compensate, title: 按交付承诺核算并发放补偿, title_en: Work out and pay the delivery compensation, owner: finance, sla: 3d, after: [expedite, inform-partners]}
              - {key: carrier-review, title: 承运商绩效复盘, title_en: Review the carrier's performance, owner: logistics, sla: 7d, after: [expedite]}
            compensation:
              target: 48h
              grace: 2h
              per_started_hour: 50
              order_value_bp_per_day: 50
              max_amount: 5000
              max_order_value_bp: 1000

          - id: price-conflict-standard
            title: 价格冲突应急预案
            title_en: Price conflict contingency
            description: Online prices undercut the dealer price list; find out who sells below it and where the goods came from.
            risk_types: [price_conflict]
            steps:
              - {key: verify-prices, title: 核实线上售价与经销价并留存截图, title_en: Verify online prices against dealer prices and keep screenshots, owner: channel_manager, sla: 4h}
              - {key: contact-seller, title: 联系违规店铺或平台要求整改, title_en: Ask the shop or platform to correct its price, owner: partner_manager, sla: 1d, after: [verify-prices]}
              - {key: trace-source, title: 追溯货源，排查窜货, title_en: Trace the goods' source (cross-region selling), owner: channel_manager, sla: 2d, after: [verify-prices]}
              - {key: apply-policy, title: 按价格政策处罚或调整返利, title_en: "Apply the price policy: penalty or rebate adjustment", owner: channel_manager, sla: 3d, after: [contact-seller, trace-source]}
              - {key: inform-dealers, title: 向受影响的经销商通报处理结果, title_en: Tell the affected dealers the outcome, owner: partner_manager, sla: 1d, after: [apply-policy]}

          - id: partner-risk-standard
            title: 渠道伙伴风险应急预案
            title_en: Partner risk contingency
            description: A partner is weakening, suspended or misbehaving; protect its outlets and the brand's receivables.
            risk_types: [partner_risk]
            steps:
              - {key: review-account, title: 核查伙伴信用、回款与库存, title_en: "Review the partner's credit, payments and stock", owner: finance, sla: 1d}
              - {key: visit-partner, title: 伙伴经理走访沟通, title_en: Visit the partner and talk it through, owner: partner_manager, sla: 3d}
              - {key: limit-credit, title: 调整信用额度或暂停发货, title_en: Adjust the credit limit or hold shipments, owner: finance, sla: 1d, after: [review-account]}
              - {key: cover-outlets, title: 安排邻近伙伴承接其终端, title_en: Arrange for nearby partners to serve its outlets, owner: channel_manager, sla: 5d, after: [visit-partner]}
              - {key: decide, title: 决定整改、降级或终止合作, title_en: "Decide: improvement plan, downgrade or termination", owner: channel_manager, sla: 14d, after: [visit-partner, limit-credit]}

          - id: supplier-failure-standard
            title: 供应商断供应急预案
            title_en: Supplier failure contingency
            description: >-
              A supplier cannot deliver. Switch to the backup suppliers by rank, check their first batch, and claim what
              the supply contract sets from the supplier that failed (per purchase order).
            risk_types: [supplier_failure]
            steps:
              - {key: assess-impact, title: 评估断供影响：SKU、在途与库存可用天数, title_en: "Assess the impact: SKUs, goods in transit, days of cover", owner: planner, sla: 4h}
              - {key: activate-backup, title: 启用备选供应商并下单, title_en: Activate the backup suppliers and place orders, owner: procurement, sla: 1d, after: [assess-impact]}
              - {key: check-first-batch, title: 备选供应商首批到货质检, title_en: Quality-check the backup suppliers' first batch, owner: procurement, sla: 2d, after: [activate-backup]}
              - {key: reallocate-stock, title: 按渠道优先级重新分配库存, title_en: Reallocate stock by channel priority, owner: planner, sla: 1d, after: [assess-impact]}
              - {key: claim, title: 依合同向原供应商索赔, title_en: Claim from the failed supplier under the contract, owner: finance, sla: 14d, after: [assess-impact]}
            backup_suppliers:
              - {code: SUP-NB-01, name: 宁波备选工厂, rank: 1, capacity_per_day: 800, lead_time: 2d, unit_cost: 41.50}
              - {code: SUP-CD-03, name: 成都区域供应商, rank: 2, capacity_per_day: 300, lead_time: 1d, unit_cost: 47.80}
            compensation:
              target: 3d
              per_breach: 2000
              per_started_day: 1000
              max_order_value_bp: 2000

          - id: service-failure-standard
            title: 客服失约应急预案
            title_en: Service failure contingency
            description: A complaint missed its response promise; win the customer back and pay the service promise's compensation.
            risk_types: [service_failure]
            steps:
              - {key: escalate, title: 升级给客服主管并指定专人跟进, title_en: Escalate to a supervisor and name one person to follow up, owner: customer_service, sla: 1h}
              - {key: first-response, title: 联系客户致歉并告知处理方案, title_en: "Contact the customer, apologise and explain the remedy", owner: customer_service, sla: 4h}
              - {key: resolve, title: 解决问题（换货、退款或上门服务）, title_en: "Resolve it: replacement, refund or a visit", owner: customer_service, sla: 2d, after: [first-response]}
              - {key: compensate, title: 按服务承诺发放补偿, title_en: Pay the compensation of the service promise, owner: finance, sla: 3d, after: [resolve]}
              - {key: root-cause, title: 分析原因并改进流程, title_en: Find the root cause and improve the process, owner: channel_manager, sla: 7d, after: [resolve]}
            compensation:
              target: 4h
              per_breach: 20
              per_started_hour: 10
              max_amount: 200

          - id: fraud-standard
            title: 欺诈订单应急预案
            title_en: Fraudulent order contingency
            description: Orders look fraudulent or erroneous; stop the goods first, then verify and decide.
            risk_types: [fraud]
            steps:
              - {key: hold-orders, title: 冻结可疑订单与发货, title_en: Hold the suspect orders and shipments, owner: risk_control, sla: 1h}
              - {key: verify, title: 核实下单方身份、地址与付款, title_en: "Verify the buyer's identity, address and payment", owner: risk_control, sla: 4h, after: [hold-orders]}
              - {key: contact-partner, title: 与相关渠道伙伴确认, title_en: Confirm with the partner involved, owner: partner_manager, sla: 1d, after: [hold-orders]}
              - {key: decide, title: 放行或取消订单, title_en: Release or cancel the orders, owner: risk_control, sla: 4h, after: [verify, contact-partner]}
              - {key: update-rules, title: 记录案例并更新风控规则, title_en: Record the case and update the fraud rules, owner: risk_control, sla: 7d, after: [decide]}
        """
}
