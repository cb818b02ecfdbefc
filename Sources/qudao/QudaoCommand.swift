import ArgumentParser

/// The `qudao` command line: the root command and its subcommands.
@main
struct QudaoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qudao",
        abstract: "Qudao (渠道): channel engineering management on one server.",
        discussion: """
            Stores the brand's channel (regions, partners, outlets, products) and its business (orders, lines, \
            shipments, stock, feedback, complaints) in an embedded SQLite database (or a PostgreSQL one, --db \
            postgres://...), with an audit trail and a change feed. Start with `qudao demo` to create a demo \
            database, or `qudao import` to load your own exports.
            """,
        version: "0.1.0",
        subcommands: [
            Demo.self, Import.self, KPI.self, CubeCommand.self, ForecastCommand.self, BacktestCommand.self, ReplenishCommand.self, AnomaliesCommand.self, RulesCommand.self, AlertsCommand.self, PlansCommand.self, WebhooksCommand.self, Serve.self, UserCommand.self, APIKeyCommand.self,
            AuditCommand.self, Bench.self, Migrate.self, BackupCommand.self,
        ]
    )
}
