public import Foundation

/// A deterministic generator of a realistic channel dataset in the layout of `DATASET.md`.
///
/// It writes `regions.csv`, `partners.csv`, `outlets.csv`, `products.csv`, `orders.csv`,
/// `order_lines.csv`, `shipments.csv`, `inventory_snapshots.csv`, `feedback.csv` and
/// `complaints.csv` (UTF-8, header row, RFC 4180 quoting, `\n` line ends). The same
/// ``lines`` and ``seed`` always give byte-identical files.
public struct DemoDataset: Sendable {
    /// Number of order lines to write (at least 1); about a third as many orders are written.
    public var lines: Int
    /// Seed of the pseudo-random generator.
    public var seed: UInt64

    /// Creates a generator for `lines` order lines with the given seed.
    public init(lines: Int = 200_000, seed: UInt64 = 20_261_126) {
        self.lines = lines
        self.seed = seed
    }

    /// Writes the CSV files into `directory` (created if missing) and returns what was written.
    ///
    /// - Throws: when ``lines`` is below 1 or a file cannot be written.
    public func write(to directory: URL) throws -> DemoSummary {
        guard lines >= 1 else {
            throw DemoError("the demo dataset needs at least 1 order line, got \(lines)")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let world = DemoWorld(lines: lines, seed: seed)
        var rows: [String: Int] = [:]
        try world.writeMasterData(to: directory, rows: &rows)

        var stream = OrderStream(world: world, lines: lines, seed: seed)
        var outputs = try OrderOutputs(directory: directory)
        try stream.write(to: &outputs)
        try outputs.finish(into: &rows)

        var inventory = InventorySnapshots(
            world: world,
            unitsBySKU: stream.unitsBySKU,
            random: DemoRandom(seed: seed, stream: 11)
        )
        rows["inventory_snapshots.csv"] = try inventory.write(to: directory)
        return DemoSummary(rowsByFile: rows)
    }
}
