import ChannelAnalytics

/// Partner names by code, from the engine's dimension table (a few thousand partners: cheap to index per request).
enum PartnerNames {
    static func of(_ snapshot: FactSnapshot) -> [String: String] {
        let partners = snapshot.dimensions.partners
        return Dictionary(zip(partners.code, partners.name), uniquingKeysWith: { first, _ in first })
    }
}
