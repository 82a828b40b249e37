/// Template variable names, each kept once, in order of first use.
struct VariableNames: Sendable {
    /// The names, in order of first use.
    private(set) var names: [String] = []
    private var seen: Set<String> = []

    /// Adds `name` unless it is already there.
    mutating func insert(_ name: String) {
        if seen.insert(name).inserted { names.append(name) }
    }
}
