/// Where each keyed value of a TOML document starts, found from the text, since TOMLKit's values
/// carry no position: the value after `key =`, and the `[` of each table header and array-of-tables
/// entry. Values inside inline arrays and tables are not found; they take their key's position.
///
/// Paths are the keys from the root, and `[[…]]` entries' indexes, as ``path(_:appending:)`` and
/// ``path(_:index:)`` join them. Keys that are not read (a quoted key with an escape this reader does
/// not decode, a path of more than ``maximumParts`` keys, or a line toml++ would refuse anyway) are
/// left out, and their values take their parent's position. Complexity: O(n) in the text's bytes
/// (a path's prefixes are looked up once each, and paths are at most ``maximumParts`` long).
struct TOMLValuePositions {
    /// The most keys a path may have for its values to be placed.
    static let maximumParts = 16

    private var offsets = [String: Int]()
    private let source: SourceText

    /// The root's path.
    static let root = ""

    /// The path of `key` under `parent`.
    static func path(_ parent: String, appending key: String) -> String { parent + "\u{1F}" + key }

    /// The path of the `index`th entry of the array of tables at `parent`.
    static func path(_ parent: String, index: Int) -> String { parent + "\u{1E}\(index)" }

    /// Scans `source` once, outside strings and comments.
    init(_ source: SourceText) {
        self.source = source
        let bytes = source.bytes
        var scanner = TOMLStringScanner()
        var table: (path: String, parts: Int)? = (Self.root, 0)  // nil under a header not followed
        var arrays = [String: Int]()  // entries seen of each array of tables, by resolved path
        var lineStart = true
        var open = 0  // brackets and braces not closed yet
        var offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while offset < bytes.count {
            let byte = bytes[offset]
            if lineStart, !Self.isBlank(byte), byte != UInt8(ascii: "\n") {
                lineStart = false
                if open > 0 || !scanner.isInCode {
                    // a line inside a multi-line array or string
                } else if byte == UInt8(ascii: "[") {
                    table = Self.header(bytes, at: offset).flatMap { Self.resolve($0.keys, arrayEntry: $0.isArray, arrays: &arrays) }
                    if let table { offsets[table.path] = offset }
                } else if let table, let (keys, end) = Self.keys(bytes, at: offset), table.parts + keys.count <= Self.maximumParts,
                          let value = Self.value(bytes, after: end) {
                    offsets[keys.reduce(table.path, Self.path(_:appending:))] = value
                }
            }
            let place = scanner.advance(byte, next: bytes[(offset + 1)...].prefix(2))
            if place == .code {
                if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { open += 1 }
                if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { open = max(open - 1, 0) }
            }
            if byte == UInt8(ascii: "\n") { lineStart = true }
            offset += 1
        }
    }

    /// Where the value at `path` starts, when the text shows it; turned into a line and column only
    /// when a message needs it.
    func place(_ path: String) -> ValueNode.Place? {
        offsets[path].map { .offset($0, in: source, firstLine: 1) }
    }

    /// The path of header keys, each array of tables on the way taken at its latest entry, and, for
    /// an `[[…]]` header, a new entry of its own; nil past ``maximumParts`` keys.
    private static func resolve(_ keys: [String], arrayEntry: Bool, arrays: inout [String: Int]) -> (path: String, parts: Int)? {
        guard keys.count <= maximumParts else { return nil }
        var path = root
        for (index, key) in keys.enumerated() {
            path = Self.path(path, appending: key)
            if index == keys.count - 1, arrayEntry {
                let entry = arrays[path, default: 0]
                arrays[path] = entry + 1
                path = Self.path(path, index: entry)
            } else if let entries = arrays[path] {
                path = Self.path(path, index: entries - 1)
            }
        }
        return (path, keys.count)
    }

    /// The keys of the table header at `offset` (`[a.b]` or `[[a.b]]`), when it is well formed.
    private static func header(_ bytes: [UInt8], at offset: Int) -> (keys: [String], isArray: Bool)? {
        let isArray = offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "[")
        guard let (keys, end) = keys(bytes, at: offset + (isArray ? 2 : 1)) else { return nil }
        let closing = [UInt8](repeating: UInt8(ascii: "]"), count: isArray ? 2 : 1)
        return bytes[end...].starts(with: closing) ? (keys, isArray) : nil
    }

    /// The dotted key at `offset` (blanks around it allowed) and the offset just past it.
    private static func keys(_ bytes: [UInt8], at start: Int) -> ([String], Int)? {
        var keys = [String]()
        var offset = skipBlanks(bytes, from: start)
        while offset < bytes.count {
            guard let (key, end) = key(bytes, at: offset) else { return nil }
            keys.append(key)
            offset = skipBlanks(bytes, from: end)
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ".") else { return (keys, offset) }
            offset = skipBlanks(bytes, from: offset + 1)
        }
        return nil
    }

    /// One bare, literal or basic (escape-free) key at `offset`, and the offset just past it.
    private static func key(_ bytes: [UInt8], at offset: Int) -> (String, Int)? {
        let first = bytes[offset]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            guard let close = bytes[(offset + 1)...].firstIndex(where: { $0 == first || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\\") }),
                  bytes[close] == first else { return nil }
            return (String(decoding: bytes[(offset + 1)..<close], as: UTF8.self), close + 1)
        }
        let end = bytes[offset...].firstIndex { !isBareKeyByte($0) } ?? bytes.count
        return end > offset ? (String(decoding: bytes[offset..<end], as: UTF8.self), end) : nil
    }

    /// The offset of the value after `=` at `offset` (blanks around it allowed).
    private static func value(_ bytes: [UInt8], after offset: Int) -> Int? {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "=") else { return nil }
        let value = skipBlanks(bytes, from: offset + 1)
        return value < bytes.count ? value : nil
    }

    private static func skipBlanks(_ bytes: [UInt8], from offset: Int) -> Int {
        bytes[offset...].firstIndex { !isBlank($0) } ?? bytes.count
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"): true
        default: false
        }
    }
}
