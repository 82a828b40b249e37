/// Checks that turn a wrong answer into a crash libFuzzer reports and keeps the input of.
enum Invariant {
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(message())") }
    }

    /// Bad input is reported in one line (the project's rule for every input file error).
    static func oneLine(_ error: any Error) {
        let text = String(describing: error)
        require(!text.contains("\n"), "a multi-line error: \(String(reflecting: text))")
    }
}
