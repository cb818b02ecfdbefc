import Yams

extension RuleFileReader {
    /// The keys of a backup supplier, in canonical order.
    static let supplierKeys = [
        "code", "name", "rank", "capacity_per_day", "lead_time", "unit_cost", "currency", "skus",
    ]
    /// The keys of a temporary warehouse, in canonical order.
    static let warehouseKeys = ["code", "name", "city", "capacity", "lead_time", "cost_per_day", "currency"]

    /// Reads a plan's `backup_suppliers:`: a non-empty list with unique codes and unique ranks.
    func readSuppliers(_ node: Node, path: IssuePath, pricing: inout PlanPricing) -> [BackupSupplier]? {
        if case .sequence(let sequence) = node {
            reportDuplicates(
                of: "code", in: sequence, listPath: path, what: "supplier code",
                rule: "supplier codes must be unique within a plan")
            reportDuplicates(
                of: "rank", in: sequence, listPath: path, what: "rank",
                rule: "ranks must be unique within a plan (1 = first choice)")
        }
        return list(node, path: path, example: "[{code: SUP-01, name: ..., rank: 1, ...}]") { item, itemPath in
            readSupplier(item, path: itemPath, pricing: &pricing)
        }
    }

    /// Reads one backup supplier; nil when any of its values was refused.
    private func readSupplier(_ node: Node, path: IssuePath, pricing: inout PlanPricing) -> BackupSupplier? {
        guard
            let fields = fields(
                of: node, path: path,
                expectation: "expected a backup supplier (a mapping with code, name, rank, capacity_per_day, ...)")
        else { return nil }
        var supplier: BackupSupplier?
        let clean = isClean {
            rejectUnknownKeys(in: fields, allowed: Self.supplierKeys)
            let code: SupplierCode? = required("code", in: fields, example: "SUP-HZ-01").flatMap {
                identifier($0, path: path.appending("code"))
            }
            let name = required("name", in: fields, example: "杭州备选工厂").flatMap {
                text($0, path: path.appending("name"))
            }
            let rank = required("rank", in: fields, example: "1").flatMap {
                count($0, path: path.appending("rank"), minimum: 1, meaning: "ranks start at 1 (the first choice)")
            }
            let capacity = required("capacity_per_day", in: fields, example: "500").flatMap {
                count(
                    $0, path: path.appending("capacity_per_day"), minimum: 1,
                    meaning: "give the units it can deliver per day, 1 or more")
            }
            let leadTime = required("lead_time", in: fields, example: "2d").flatMap {
                lengthAllowingZero($0, path: path.appending("lead_time"))
            }
            let currency = planCurrency(of: fields, pricing: &pricing)
            let unitCost = required("unit_cost", in: fields, example: "38.50").flatMap { node in
                currency.flatMap { amount(node, path: path.appending("unit_cost"), currency: $0, example: "38.50") }
            }
            let skus = fields["skus"].flatMap {
                distinctList($0, path: path.appending("skus"), example: "[SKU00001, SKU00002]") { item, itemPath in
                    identifier(item, path: itemPath).map { (sku: SKU) in sku.rawValue }
                }
            }
            guard let code, let name, let rank, let capacity, let leadTime, let unitCost else { return }
            supplier = BackupSupplier(
                code: code, name: name, rank: rank, capacityPerDay: Int64(capacity), leadTime: leadTime,
                unitCost: unitCost, skus: (skus ?? []).map { SKU($0) })
        }
        return clean ? supplier : nil
    }

    /// Reads a plan's `temporary_warehouses:`: a non-empty list with unique codes.
    func readWarehouses(_ node: Node, path: IssuePath, pricing: inout PlanPricing) -> [TemporaryWarehouse]? {
        if case .sequence(let sequence) = node {
            reportDuplicates(
                of: "code", in: sequence, listPath: path, what: "warehouse code",
                rule: "warehouse codes must be unique within a plan")
        }
        return list(node, path: path, example: "[{code: TMP-SH-01, name: ..., city: 上海, ...}]") { item, itemPath in
            readWarehouse(item, path: itemPath, pricing: &pricing)
        }
    }

    /// Reads one temporary warehouse; nil when any of its values was refused.
    private func readWarehouse(_ node: Node, path: IssuePath, pricing: inout PlanPricing) -> TemporaryWarehouse? {
        guard
            let fields = fields(
                of: node, path: path,
                expectation: "expected a temporary warehouse (a mapping with code, name, city, capacity, ...)")
        else { return nil }
        var warehouse: TemporaryWarehouse?
        let clean = isClean {
            rejectUnknownKeys(in: fields, allowed: Self.warehouseKeys)
            let code: LocationID? = required("code", in: fields, example: "TMP-SH-01").flatMap {
                identifier($0, path: path.appending("code"))
            }
            let name = required("name", in: fields, example: "上海嘉定临时仓").flatMap {
                text($0, path: path.appending("name"))
            }
            let city = required("city", in: fields, example: "上海").flatMap { text($0, path: path.appending("city")) }
            let capacity = required("capacity", in: fields, example: "20000").flatMap {
                count(
                    $0, path: path.appending("capacity"), minimum: 1, meaning: "give the units it can hold, 1 or more")
            }
            let leadTime = required("lead_time", in: fields, example: "1d").flatMap {
                lengthAllowingZero($0, path: path.appending("lead_time"))
            }
            let currency = planCurrency(of: fields, pricing: &pricing)
            let costPerDay = required("cost_per_day", in: fields, example: "1200").flatMap { node in
                currency.flatMap { amount(node, path: path.appending("cost_per_day"), currency: $0, example: "1200") }
            }
            guard let code, let name, let city, let capacity, let leadTime, let costPerDay else { return }
            warehouse = TemporaryWarehouse(
                code: code, name: name, city: city, capacity: Int64(capacity), leadTime: leadTime,
                costPerDay: costPerDay)
        }
        return clean ? warehouse : nil
    }
}
