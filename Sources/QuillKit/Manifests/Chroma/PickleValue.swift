/// A value of a Python pickle that holds only data: what `PickleReader` builds.
indirect enum PickleValue: Hashable, Sendable {
    case none
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case list([PickleValue])
    case tuple([PickleValue])
    /// Keys are strings or integers only.
    case dict([PickleValue: PickleValue])

    /// The entry for `key` when this is a dict.
    subscript(key: String) -> PickleValue? {
        if case .dict(let entries) = self { entries[.string(key)] } else { nil }
    }
}
