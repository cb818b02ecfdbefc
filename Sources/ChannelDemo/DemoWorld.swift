/// The master data of the demo: regions, partners, outlets and products.
///
/// It is small (thousands of rows at most) and kept in memory; the high-volume files
/// (orders, lines, inventory) are streamed from it. Every entity's number is its index + 1
/// (partner `P000001` is `partners[0]`), which the streams rely on.
struct DemoWorld: Sendable {
    /// All cities, grouped by province in province order.
    let cities: [DemoCity]
    /// City indices per province index.
    let provinceCities: [[Int]]
    /// Offline partners first (`0..<offlineCount`), then the five online partners.
    let partners: [DemoPartner]
    /// Number of offline partners.
    let offlineCount: Int
    let outlets: [DemoOutlet]
    let products: [DemoProduct]
    /// Products `0..<alwaysLaunchedCount` were launched before the window starts.
    let alwaysLaunchedCount: Int

    /// Builds the master data for a dataset of `lines` order lines.
    init(lines: Int, seed: UInt64) {
        var regionRandom = DemoRandom(seed: seed, stream: 1)
        let (cities, provinceCities) = Self.makeCities(random: &regionRandom)
        var partnerRandom = DemoRandom(seed: seed, stream: 2)
        let offlineCount = max(60, lines / 2_000)
        var partners = Self.makePartners(
            offlineCount: offlineCount,
            cities: cities,
            provinceCities: provinceCities,
            random: &partnerRandom
        )
        var outletRandom = DemoRandom(seed: seed, stream: 3)
        let outlets = Self.makeOutlets(
            partners: &partners,
            cities: cities,
            provinceCities: provinceCities,
            random: &outletRandom
        )
        var productRandom = DemoRandom(seed: seed, stream: 4)
        let skuCount = max(100, min(2_000, lines / 5_000))
        self.cities = cities
        self.provinceCities = provinceCities
        self.partners = partners
        self.offlineCount = offlineCount
        self.outlets = outlets
        self.products = Self.makeProducts(count: skuCount, random: &productRandom)
        self.alwaysLaunchedCount = skuCount / 2
    }
}
