/// A terminal: a store run by an offline partner, or an online partner's web shop.
struct DemoOutlet: Sendable {
    /// 1-based number, written as `O0000001`.
    let number: Int
    /// Index of the owning partner.
    let partner: Int
    /// Index of the outlet's city (same province as the partner).
    let city: Int
    /// `supermarket`, `convenience`, `specialty`, `wholesale` or `online_store`.
    let kind: String
    let openedDay: Int
    /// Day the outlet closed, strictly after ``openedDay``; `nil` while open.
    let closedDay: Int?
}
