/// Checks that turn a wrong answer into a crash libFuzzer reports and keeps the input of.
enum Invariant {
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(message())") }
    }
}
