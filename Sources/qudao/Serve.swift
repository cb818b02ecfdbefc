import ArgumentParser
import ChannelAnalytics
import ChannelCore
import ChannelImport
import ChannelStore
import ChannelServer
import Foundation
import Logging
import Prometheus

/// `qudao serve`: the HTTP server (web pages at /, REST API under /api/v1, OpenAPI at /api/v1/openapi.json, /health,
/// /metrics).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Qudao server.",
        discussion: """
            Serves the web UI at / (Chinese, or English with ?lang=en), the REST API under /api/v1 (described at \
            /api/v1/openapi.json), /health and /metrics. The analytic engine is built from the database at start and \
            follows every change. There is no default account: create an admin first with `qudao user add --role \
            admin`, or start with --demo. Several servers may share one PostgreSQL database: each follows the \
            others' writes, and one at a time evaluates the alert rules in the background. SIGTERM or Ctrl-C stops \
            accepting connections, lets requests in flight finish, then exits.
            """)

    @OptionGroup var storage: StorageOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "Requests per second each signed-in caller (API key or account) may make, in bursts of up to twice that; more get 429.")
    var callerRate = 500

    @Flag(help: "Send the session cookie over plain HTTP too (for a demo on loopback without TLS).")
    var insecureCookies = false

    @Flag(
        help: """
            A demo: fill an empty (or missing) database with the demo dataset first, give the accounts `admin` and \
            `partner` new passwords and print them with the URL. Implies --insecure-cookies (plain HTTP on loopback).
            """)
    var demo = false

    @Option(help: "Order lines of the demo dataset (with --demo).")
    var demoLines = 200_000

    @Option(help: ArgumentHelp("An alert rules file (YAML or JSON) to evaluate instead of the built-in rules.", valueName: "file"))
    var rules: String?

    @Option(help: ArgumentHelp("A contingency plans file (YAML or JSON) to offer instead of the standard plans.", valueName: "file"))
    var plans: String?

    @Flag(name: .customLong("openapi"), help: "Print the OpenAPI document and exit.")
    var printOpenAPI = false

    func validate() throws {
        guard callerRate > 0 else { throw ValidationError("--caller-rate must be at least 1") }
        guard (1...50_000_000).contains(demoLines) else { throw ValidationError("--demo-lines must be between 1 and 50,000,000") }
    }

    func run() async throws {
        if printOpenAPI {
            let store = try storage.openStore()
            let server = QudaoServer(store: store, engine: try AnalyticsEngine(store: store))
            FileHandle.standardOutput.write(Data(server.openAPIDocument()))
            return
        }
        let alertRules = try RulesCommand.Evaluate.rules(rules)
        let contingencyPlans = try PlansCommand.plans(plans)
        LoggingSystem.bootstrap(StreamLogHandler.standardOutput)
        var logger = Logger(label: "qudao")
        logger.logLevel = .info
        // One order is enough to tell a database holds data (counting every table would scan them all). A PostgreSQL
        // database always exists (the URL names it); a SQLite file may not yet.
        let isSQLite = !storage.isPostgres
        if demo, try isSQLite && !FileManager.default.fileExists(atPath: storage.db)
            || storage.openStore().records(.orders, RecordQuery(limit: 1)).records.isEmpty
        {
            let (report, _) = try DemoSetup.load(into: storage, lines: demoLines, seed: 20_261_126)
            logger.info("demo data imported", metadata: ["rows": "\(report.totalRows)", "seconds": "\(Int(report.seconds))"])
        }
        let store = try storage.openStore()
        let signIns = demo ? try DemoSetup.accounts(in: store) : []
        let started = ContinuousClock.now
        let engine = try AnalyticsEngine(store: store)
        logger.info(
            "analytic engine built",
            metadata: ["seconds": "\((ContinuousClock.now - started).components.seconds)", "sequence": "\(engine.snapshot.sequence)"])
        if try !store.accounts().contains(where: { $0.role == .admin && $0.isActive }) {
            logger.warning("no active admin account: create one with `qudao user add --role admin --id ID --name NAME`")
        }
        let registry = PrometheusCollectorRegistry()
        QudaoServer.bootstrapMetrics(registry)
        let server = QudaoServer(
            store: store, engine: engine,
            configuration: ServerConfiguration(
                host: host, port: port, callerLimit: .init(rate: Double(callerRate), burst: Double(callerRate) * 2),
                secureCookies: !(insecureCookies || demo), rules: alertRules, plans: contingencyPlans),
            metrics: registry)
        logger.info("serving", metadata: ["url": "http://\(host):\(port)/", "database": "\(storage.displayName)"])
        if demo {
            print("Qudao demo: open http://\(host):\(port)/ (English: http://\(host):\(port)/?lang=en)")
            for signIn in signIns { print("  sign in as \(signIn.id) (\(signIn.role.rawValue)) with password \(signIn.password)") }
        }
        try await server.run(logger: logger)
    }
}
