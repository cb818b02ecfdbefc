/// A contingency plan (应急预案): what to do when a risk materialises, attached to the risk types it answers.
///
/// It lists ordered steps with owners and SLAs, ranked backup suppliers, temporary warehouses that can be opened,
/// and optionally the compensation owed when an SLA is missed. Plans are read from YAML or JSON by
/// ``ContingencyPlanFile``; ``standard`` holds one for each standard risk type. `Codable` gives the file's form
/// (snake_case keys, durations and amounts as text), which ``ContingencyPlanFile`` reads back to an equal plan.
public struct ContingencyPlan: Hashable, Sendable, Codable, Identifiable {
    /// A slug, unique in its file.
    public var id: PlanID
    /// The plan's title, in Chinese.
    public var title: String
    /// The title in English, when given.
    public var titleEn: String?
    /// Free text for people: when to use the plan, what it assumes.
    public var details: String?
    /// The risk types it answers (at least one).
    public var riskTypes: [RiskType]
    /// The steps, in the order they are listed to people.
    public var steps: [PlanStep]
    /// Suppliers to turn to, ranked (1 first).
    public var backupSuppliers: [BackupSupplier]
    /// Warehouses that can be opened at short notice.
    public var temporaryWarehouses: [TemporaryWarehouse]
    /// What is owed when the SLA the plan protects is missed.
    public var compensation: CompensationTerms?

    /// A plan; see the properties for the meaning of each value.
    public init(
        id: PlanID, title: String, titleEn: String? = nil, details: String? = nil, riskTypes: [RiskType],
        steps: [PlanStep], backupSuppliers: [BackupSupplier] = [], temporaryWarehouses: [TemporaryWarehouse] = [],
        compensation: CompensationTerms? = nil
    ) {
        self.id = id
        self.title = title
        self.titleEn = titleEn
        self.details = details
        self.riskTypes = riskTypes
        self.steps = steps
        self.backupSuppliers = backupSuppliers
        self.temporaryWarehouses = temporaryWarehouses
        self.compensation = compensation
    }

    /// Whether the plan answers `riskType`.
    public func answers(_ riskType: RiskType) -> Bool { riskTypes.contains(riskType) }

    /// The step with `key`, if any.
    public func step(_ key: PlanStepKey) -> PlanStep? { steps.first { $0.key == key } }

    /// How the plan's backup suppliers would cover `shortfall` (see ``SupplyAllocation``).
    ///
    /// - Throws: ``DomainError`` when the suppliers are priced in different currencies or a cost overflows.
    public func allocate(_ shortfall: Shortfall) throws(DomainError) -> SupplyAllocation {
        try SupplyAllocation(covering: shortfall, from: backupSuppliers)
    }

    /// The cheapest of the plan's temporary warehouses that opens in time and holds `quantity` units (see
    /// ``WarehouseChoice``).
    ///
    /// - Throws: ``DomainError/currencyMismatch(_:_:)`` when the warehouses are priced in different currencies.
    public func chooseWarehouse(quantity: Int64, neededBy: Instant, startingAt start: Instant) throws(DomainError)
        -> WarehouseChoice
    {
        try WarehouseChoice(quantity: quantity, neededBy: neededBy, startingAt: start, among: temporaryWarehouses)
    }

    enum CodingKeys: String, CodingKey {
        case id, title
        case titleEn = "title_en"
        case details = "description"
        case riskTypes = "risk_types"
        case steps
        case backupSuppliers = "backup_suppliers"
        case temporaryWarehouses = "temporary_warehouses"
        case compensation
    }

    /// Decodes the file form; optional lists may be left out. Values are not checked against a catalogue: use
    /// ``ContingencyPlanFile/parse(_:catalogue:)`` for text from outside.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(PlanID.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        titleEn = try container.decodeIfPresent(String.self, forKey: .titleEn)
        details = try container.decodeIfPresent(String.self, forKey: .details)
        riskTypes = try container.decode([RiskType].self, forKey: .riskTypes)
        steps = try container.decode([PlanStep].self, forKey: .steps)
        backupSuppliers = try container.decodeIfPresent([BackupSupplier].self, forKey: .backupSuppliers) ?? []
        temporaryWarehouses =
            try container.decodeIfPresent([TemporaryWarehouse].self, forKey: .temporaryWarehouses) ?? []
        compensation = try container.decodeIfPresent(CompensationTerms.self, forKey: .compensation)
    }

    /// Encodes the file form; optional values and empty lists are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(titleEn, forKey: .titleEn)
        try container.encodeIfPresent(details, forKey: .details)
        try container.encode(riskTypes, forKey: .riskTypes)
        try container.encode(steps, forKey: .steps)
        if !backupSuppliers.isEmpty { try container.encode(backupSuppliers, forKey: .backupSuppliers) }
        if !temporaryWarehouses.isEmpty { try container.encode(temporaryWarehouses, forKey: .temporaryWarehouses) }
        try container.encodeIfPresent(compensation, forKey: .compensation)
    }
}
