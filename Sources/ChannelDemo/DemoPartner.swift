/// A channel partner: an offline distributor, agent or dealer, or an online platform.
struct DemoPartner: Sendable {
    /// 1-based number, written as `P000001`.
    let number: Int
    let name: String
    /// `distributor`, `agent`, `dealer`, `platform` or `direct`.
    let kind: String
    /// 1 distributor, 2 agent, 3 dealer, 0 online.
    let tier: Int
    /// Index of the upstream partner (always offline, with a smaller tier), if any.
    let parent: Int?
    /// Index of the partner's city in ``DemoWorld/cities``.
    let city: Int
    let isOnline: Bool
    /// Window-relative day the partner joined (always before the window).
    let joinedDay: Int
    let isSuspended: Bool
    /// Relative share of the offline (or online) orders this partner places.
    let orderWeight: Double
    /// Indices of the partner's outlets in ``DemoWorld/outlets`` (filled when outlets are made).
    var outlets: [Int] = []
}
