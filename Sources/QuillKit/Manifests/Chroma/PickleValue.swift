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
    /// A class the reader was told to accept, by its qualified name: never imported.
    case type(String)
    /// An instance of such a class, by its class's name and the state dict pickled for it.
    case object(String, [PickleValue: PickleValue])

    /// The entry for `key` when this is a dict or an object's state.
    subscript(key: String) -> PickleValue? {
        switch self {
        case .dict(let entries), .object(_, let entries): entries[.string(key)]
        default: nil
        }
    }
}
