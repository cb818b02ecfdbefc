import Yams

extension RuleFileReader {
    /// The keys of a plan, in canonical order.
    static let planKeys = [
        "id", "title", "title_en", "description", "risk_types", "steps", "backup_suppliers", "temporary_warehouses",
        "compensation",
    ]

    /// The path of the plan at `index` (from 0): `plans[index]`.
    static func planPath(_ index: Int) -> IssuePath { IssuePath([.key("plans"), .index(index)]) }

    /// Reads the top of a plans file: a list of plans, or a mapping with `plans:`.
    func readPlanDocument(_ root: Node) -> [ContingencyPlan] {
        let plansNode: Node
        switch root {
        case .sequence:
            plansNode = root
        case .mapping:
            guard let fields = fields(of: root, path: IssuePath(), expectation: "expected a mapping") else { return [] }
            rejectUnknownKeys(in: fields, allowed: ["plans"])
            guard let node = required("plans", in: fields, example: "[...]") else { return [] }
            plansNode = node
        default:
            report(
                "expected a list of plans or a mapping with `plans:`, found \(root.summary)", at: root,
                path: IssuePath())
            return []
        }
        let listPath = IssuePath([.key("plans")])
        guard case .sequence(let sequence) = plansNode else {
            report("expected a list of plans, found \(plansNode.summary)", at: plansNode, path: listPath)
            return []
        }
        reportDuplicates(of: "id", in: sequence, listPath: listPath, what: "id", rule: "ids must be unique")
        var plans: [ContingencyPlan] = []
        for (index, node) in sequence.enumerated() {
            if let plan = readPlan(node, path: Self.planPath(index)) { plans.append(plan) }
        }
        return plans
    }

    /// Reads one plan found at `path`; nil when any of its values was refused (all are reported).
    func readPlan(_ node: Node, path: IssuePath) -> ContingencyPlan? {
        guard
            let fields = fields(
                of: node, path: path, expectation: "expected a plan (a mapping with id, title, risk_types, steps, ...)")
        else { return nil }
        var plan: ContingencyPlan?
        let clean = isClean {
            rejectUnknownKeys(in: fields, allowed: Self.planKeys) { key in
                if Self.stepKeys.contains(key) { return "`\(key)` belongs to a step; steps go under `steps:`" }
                if Self.compensationKeys.contains(key) {
                    return "`\(key)` belongs to the compensation terms; they go under `compensation:`"
                }
                return nil
            }
            let id = required("id", in: fields, example: "stock-out-standard").flatMap {
                slug($0, path: path.appending("id"), example: "stock-out-standard")
            }
            let title = required("title", in: fields, example: "缺货应急预案").flatMap {
                text($0, path: path.appending("title"))
            }
            let titleEn = fields["title_en"].flatMap { text($0, path: path.appending("title_en")) }
            let details = fields["description"].flatMap { text($0, path: path.appending("description")) }
            let riskTypes = required("risk_types", in: fields, example: "[stock_out]").flatMap {
                distinctList($0, path: path.appending("risk_types"), example: "[stock_out]") { item, itemPath in
                    oneOf(
                        item, path: itemPath, among: catalogue.riskTypes.map(\.rawValue), what: "a risk type")
                }
            }
            let stepsExample = "[{key: confirm-gap, title: 确认缺口, owner: planner, sla: 4h}]"
            let steps = required("steps", in: fields, example: stepsExample).flatMap {
                readSteps($0, path: path.appending("steps"))
            }
            var pricing = PlanPricing()
            let suppliers = fields["backup_suppliers"].flatMap {
                readSuppliers($0, path: path.appending("backup_suppliers"), pricing: &pricing)
            }
            let warehouses = fields["temporary_warehouses"].flatMap {
                readWarehouses($0, path: path.appending("temporary_warehouses"), pricing: &pricing)
            }
            let compensation = fields["compensation"].flatMap {
                readCompensation($0, path: path.appending("compensation"), pricing: &pricing)
            }
            guard let id, let title, let riskTypes, let steps else { return }
            plan = ContingencyPlan(
                id: PlanID(rawValue: id), title: title, titleEn: titleEn, details: details,
                riskTypes: riskTypes.map(RiskType.init(rawValue:)), steps: steps, backupSuppliers: suppliers ?? [],
                temporaryWarehouses: warehouses ?? [], compensation: compensation)
        }
        return clean ? plan : nil
    }
}
