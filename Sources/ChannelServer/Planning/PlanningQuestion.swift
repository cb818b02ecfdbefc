import ChannelAnalytics

/// What a planner asks for, read from a query string the same way by the API and the planning page; a bad value is a
/// `PlanningInputError` naming the parameter and what it takes.
struct ForecastQuestion: Hashable, Sendable {
    var level = DemandLevel(product: .sku, geography: .province)
    var horizon = 28
    var method = ForecastMethod.auto
    var reconcile: DemandForecast.Reconciliation?
    var interval = 0.8

    init() {}

    init(query: [(String, String)]) throws(PlanningInputError) {
        for (name, value) in query {
            switch name {
            case "level":
                guard let level = DemandLevel(value) else {
                    throw PlanningInputError("level `\(value)` is not one of \(DemandLevel.allNames.joined(separator: ", "))")
                }
                self.level = level
            case "horizon": horizon = try PlanningInputError.number(name, value, in: 1...366)
            case "method": method = try PlanningInputError.choice(name, value)
            case "reconcile": reconcile = value.isEmpty ? nil : try PlanningInputError.choice(name, value)
            case "interval": interval = try PlanningInputError.number(name, value, in: 0.5...0.99)
            default: continue
            }
        }
    }
}

struct ReplenishmentQuestion: Hashable, Sendable {
    var serviceLevel = 0.95
    var reviewDays = 1.0
    var ordersOnly = false

    init() {}

    init(query: [(String, String)]) throws(PlanningInputError) {
        for (name, value) in query {
            switch name {
            case "service_level": serviceLevel = try PlanningInputError.number(name, value, in: 0.5...0.999)
            case "review_days": reviewDays = try PlanningInputError.number(name, value, in: 0...365)
            case "orders_only":
                guard let flag = Bool(value) else { throw PlanningInputError("orders_only must be true or false, not `\(value)`") }
                ordersOnly = flag
            default: continue
            }
        }
    }

    var settings: StockReplenishment.Settings {
        var settings = StockReplenishment.Settings()
        settings.serviceLevel = serviceLevel
        settings.reviewDays = reviewDays
        return settings
    }
}

/// A backtest to run: what to forecast and how, and the origins.
struct BacktestQuestion: Hashable, Sendable, Decodable {
    var level: String = "sku-province"
    var method: String = ForecastMethod.auto.rawValue
    var horizon: Int = 28
    var origins: Int = 3
    var step: Int?

    enum CodingKeys: String, CodingKey {
        case level, method, horizon, origins, step
    }

    /// Every field may be left out for its default.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        level = try container.decodeIfPresent(String.self, forKey: .level) ?? level
        method = try container.decodeIfPresent(String.self, forKey: .method) ?? method
        horizon = try container.decodeIfPresent(Int.self, forKey: .horizon) ?? horizon
        origins = try container.decodeIfPresent(Int.self, forKey: .origins) ?? origins
        step = try container.decodeIfPresent(Int.self, forKey: .step)
    }

    /// The checked backtest and level.
    func backtest() throws(PlanningInputError) -> (Backtest, DemandLevel) {
        guard let demandLevel = DemandLevel(level) else {
            throw PlanningInputError("level `\(level)` is not one of \(DemandLevel.allNames.joined(separator: ", "))")
        }
        let forecastMethod: ForecastMethod = try PlanningInputError.choice("method", method)
        guard (1...366).contains(horizon) else { throw PlanningInputError("horizon must be from 1 to 366, not \(horizon)") }
        guard (1...20).contains(origins) else { throw PlanningInputError("origins must be from 1 to 20, not \(origins)") }
        if let step, !(1...366).contains(step) { throw PlanningInputError("step must be from 1 to 366, not \(step)") }
        let forecaster = Forecaster(horizon: horizon, seasonLength: 7)
        return (Backtest(forecaster: forecaster, method: forecastMethod, origins: origins, step: step), demandLevel)
    }
}

struct PlanningInputError: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }

    static func number<T: LosslessStringConvertible & Comparable>(
        _ name: String, _ value: String, in range: ClosedRange<T>
    ) throws(PlanningInputError) -> T {
        guard let number = T(value), range.contains(number) else {
            throw PlanningInputError("\(name) must be a number from \(range.lowerBound) to \(range.upperBound), not `\(value)`")
        }
        return number
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ value: String) throws(PlanningInputError) -> T
    where T.RawValue == String {
        guard let choice = T(rawValue: value) else {
            throw PlanningInputError("\(name) `\(value)` is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }
}
