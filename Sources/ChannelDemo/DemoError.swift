/// A failure while writing the demo dataset (bad arguments or an unwritable directory).
struct DemoError: Error, CustomStringConvertible {
    /// What went wrong, for the person running the command.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
