import HTTPTypes
public import ChannelAnalytics
public import ChannelAuth
public import ChannelCore
public import ChannelStore
import Foundation
public import Hummingbird
public import Logging
public import Prometheus
import ServiceLifecycle
import ChannelWeb

/// The server's composition root: every endpoint, the middleware around them, and the services that run beside
/// them (the analytic engine following the store). `qudao serve` and the tests build it the same way.
public struct QudaoServer: Sendable {
    public typealias Store =
        ChannelStore & RecordStore & AccountStore & BacktestStore & AlertStore & PlanStore & WebhookStore & LeadershipStore

    public let store: any Store
    public let engine: AnalyticsEngine
    public let configuration: ServerConfiguration
    public let metrics: PrometheusCollectorRegistry
    public let hasher: PasswordHasher
    public let clock: @Sendable () -> Instant
    let imports = ImportJobs()
    /// Files uploaded on the import page, waiting for their mapping to be confirmed.
    let stagedUploads = StagedUploads()
    /// Cube answers the pages share on one snapshot.
    let pageCubes = CubeAnswers(cache: SnapshotCache(capacity: 256))
    /// Forecasts, replenishment and backtests, for the API and the planning page alike.
    let planning: Planning
    /// Alert evaluations with their kept baselines, for the API and the alert service alike.
    let alerting: Alerting
    /// Contingency plans started for alerts, for the API and the alert page alike.
    let contingency: Contingency
    /// What happens to alerts on any server sharing the database, for the live-updates streams.
    let liveAlerts = AlertFeed()
    /// Webhook endpoints and deliveries, for the API and the webhook service alike.
    let webhooks: Webhooks
    /// Signing in, for the API and the sign-in page alike (one throttle for both).
    let auth: AuthRoutes
    let renderer = PageRenderer()
    public static let version = "0.1.0"

    public init(
        store: any Store, engine: AnalyticsEngine, configuration: ServerConfiguration = .init(),
        metrics: PrometheusCollectorRegistry = .init(), hasher: PasswordHasher = .init(),
        clock: (@Sendable () -> Instant)? = nil
    ) {
        self.store = store
        self.engine = engine
        self.configuration = configuration
        self.metrics = metrics
        self.hasher = hasher
        self.clock = clock ?? { Instant(Date()) }
        planning = Planning(engine: engine, store: store)
        alerting = Alerting(store: store, engine: engine, rules: configuration.rules, clock: self.clock, leadership: store)
        contingency = Contingency(store: store, plans: configuration.plans, clock: self.clock)
        webhooks = Webhooks(store: store, settings: configuration.webhooks, clock: self.clock, leadership: store)
        auth = AuthRoutes(
            store: store, hasher: hasher, throttle: LoginThrottle(), sessionLifetime: configuration.sessionLifetime,
            secureCookies: configuration.secureCookies, clock: self.clock)
    }

    /// Every endpoint, in the order the OpenAPI document lists them.
    public func endpoints() -> EndpointTable { routes().table }

    /// The endpoint table and the OpenAPI document built from it (once).
    private func routes() -> (table: EndpointTable, document: OpenAPIHolder) {
        var table = EndpointTable()
        let document = OpenAPIHolder()
        table.add(ServiceRoutes(engine: engine, metrics: metrics, openAPI: { document.bytes }).endpoints)
        table.add(auth.endpoints)
        table.add(AnalyticsRoutes(engine: engine).endpoints)
        table.add(PlanningRoutes(planning: planning, clock: clock).endpoints)
        table.add(AlertRoutes(alerting: alerting, live: liveAlerts).endpoints)
        table.add(ContingencyRoutes(contingency: contingency).endpoints)
        table.add(WebhookRoutes(webhooks: webhooks).endpoints)
        let records = RecordRoutes(store: store, clock: clock)
        table.add(records.endpoints)
        table.add(OrderRoutes(records: records, clock: clock).endpoints)
        table.add(AdminRoutes(store: store, hasher: hasher, clock: clock).endpoints)
        table.add(ImportRoutes(store: store, engine: engine, jobs: imports, maxBytes: configuration.maxImportBytes).endpoints)
        document.set(table.endpoints, schemas: Self.schemas)
        return (table, document)
    }

    /// The OpenAPI document of this server's endpoints, as served at /api/v1/openapi.json.
    public func openAPIDocument() -> [UInt8] { routes().document.bytes }

    static var schemas: [String: JSONValue] {
        var schemas = AnalyticsRoutes.schemas
        schemas.merge(AuthRoutes.schemas) { first, _ in first }
        schemas.merge(PlanningRoutes.schemas) { first, _ in first }
        schemas.merge(AlertRoutes.schemas) { first, _ in first }
        schemas.merge(ContingencyRoutes.schemas) { first, _ in first }
        schemas.merge(WebhookRoutes.schemas) { first, _ in first }
        schemas.merge(AdminRoutes.schemas) { first, _ in first }
        schemas.merge(ImportRoutes.schemas) { first, _ in first }
        for kind in EntityKind.allCases { schemas[RecordSchema.name(kind)] = RecordSchema.of(kind) }
        return schemas
    }

    /// The HTTP application with its services.
    public func application(logger: Logger) -> some ApplicationProtocol {
        let router = Router(context: ServerContext.self)
        router.middlewares.add(RequestMiddleware())
        router.middlewares.add(MetricsMiddleware())
        router.middlewares.add(
            Authenticator(
                store: store, callerLimit: RateLimiter(configuration.callerLimit),
                addressLimit: RateLimiter(configuration.addressLimit), cache: PrincipalCache(), clock: clock))
        endpoints().register(on: router)
        WebRoutes(server: self).register(on: router)
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Qudao"),
            logger: logger)
        app.addServices(EngineFollower(engine: engine, interval: configuration.followInterval, logger: logger))
        app.addServices(
            AlertHistoryFollower(
                store: store, feed: liveAlerts, start: try? store.latestAlertHistoryID(), interval: configuration.followInterval,
                logger: logger))
        app.addServices(
            Housekeeping(
                store: store, clock: clock, retention: configuration.idempotencyRetention,
                interval: configuration.housekeepingInterval, logger: logger))
        if let checkInterval = configuration.alertCheckInterval {
            app.addServices(
                AlertService(alerting: alerting, checkInterval: checkInterval, interval: configuration.alertInterval, logger: logger))
        }
        if let dispatcher = webhooks.dispatcher {
            app.addServices(
                WebhookService(
                    webhooks: webhooks, dispatcher: dispatcher, notices: alerting.feed.listen(keeping: .unbounded), logger: logger))
        }
        return app
    }
}

extension QudaoServer {
    /// Serves until SIGTERM or SIGINT, then stops accepting connections and lets requests in flight finish.
    public func run(logger: Logger) async throws {
        try await application(logger: logger).runService()
    }
}

/// The OpenAPI document, made once the table is complete (the document describes its own endpoint too).
final class OpenAPIHolder: @unchecked Sendable {
    // Written once while the table is built, before the server accepts requests; read-only afterwards.
    private var document: [UInt8] = []

    func set(_ endpoints: [Endpoint], schemas: [String: JSONValue]) {
        let value = OpenAPIDocument.build(endpoints, schemas: schemas, version: QudaoServer.version)
        document = (try? JSONEncoder.api.encode(value)).map(Array.init) ?? []
    }

    var bytes: [UInt8] { document }
}

/// Keeps the analytic engine current while the server runs; stops on shutdown.
struct EngineFollower: Service {
    let engine: AnalyticsEngine
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await engine.follow(every: interval) { error in
                logger.error("the analytic engine could not apply the store's changes", metadata: ["error": "\(error)"])
            }
        }
    }
}

import Metrics

extension QudaoServer {
    /// Sends the process's metrics (swift-metrics) to `registry`; call once, before the server starts.
    public static func bootstrapMetrics(_ registry: PrometheusCollectorRegistry) {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }
}
