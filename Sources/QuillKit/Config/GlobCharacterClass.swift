/// A bracket expression of a `Glob`, read as git's wildmatch reads it: bytes, ranges (`a-z`), POSIX
/// classes (`[:alpha:]`), `\` escapes, `!` or `^` to negate, and a `]` right after the `[` (or the
/// negation) taken literally. It never matches `/`.
struct GlobCharacterClass: Sendable, Equatable {
    private var negated = false
    private var ranges: [ClosedRange<UInt8>] = []
    private var posixClasses: [String] = []

    /// The POSIX classes wildmatch knows, each as a test on an ASCII byte.
    private static let posixTests: [String: @Sendable (UInt8) -> Bool] = [
        "alnum": { isAlpha($0) || isDigit($0) },
        "alpha": isAlpha,
        "blank": { $0 == 0x20 || $0 == 0x09 },
        "cntrl": { $0 < 0x20 || $0 == 0x7F },
        "digit": isDigit,
        "graph": { $0 > 0x20 && $0 < 0x7F },
        "lower": { $0 >= 0x61 && $0 <= 0x7A },
        "print": { $0 >= 0x20 && $0 < 0x7F },
        "punct": { $0 > 0x20 && $0 < 0x7F && !isAlpha($0) && !isDigit($0) },
        "space": { $0 == 0x20 || (0x09...0x0D).contains($0) },
        "upper": { $0 >= 0x41 && $0 <= 0x5A },
        "xdigit": { isDigit($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0) },
    ]

    private static func isAlpha(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// Reads a class from `bytes` after its `[`, leaving `index` after its `]`.
    init(in bytes: [UInt8], at index: inout Int, pattern: String) throws(GlobError) {
        func byte(at position: Int) -> UInt8? { position < bytes.count ? bytes[position] : nil }
        if byte(at: index) == UInt8(ascii: "!") || byte(at: index) == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        var isFirst = true
        while let current = byte(at: index) {
            index += 1
            if current == UInt8(ascii: "]"), !isFirst { return }
            isFirst = false
            var low = current
            if current == UInt8(ascii: "\\") {
                guard let escaped = byte(at: index) else { break }
                low = escaped
                index += 1
            } else if current == UInt8(ascii: "["), byte(at: index) == UInt8(ascii: ":"),
                      let name = try Self.posixClassName(in: bytes, from: index + 1, pattern: pattern) {
                posixClasses.append(name)
                index += name.utf8.count + 3
                continue
            }
            if byte(at: index) == UInt8(ascii: "-"), let high = byte(at: index + 1), high != UInt8(ascii: "]") {
                var end = high
                index += 2
                if high == UInt8(ascii: "\\") {
                    guard let escaped = byte(at: index) else { break }
                    end = escaped
                    index += 1
                }
                guard low <= end else {
                    throw GlobError(pattern: pattern, message: "range '\(Self.show(low))-\(Self.show(end))' runs backwards; expected the smaller character first")
                }
                ranges.append(low...end)
            } else {
                ranges.append(low...low)
            }
        }
        throw GlobError(pattern: pattern, message: "'[' is never closed; expected ']'")
    }

    /// The name of a `[:name:]` starting at `start` (after `[:`), nil when the next `]` does not
    /// follow a `:` (the `[` is then an ordinary member); an unknown name is an error, as in git.
    private static func posixClassName(in bytes: [UInt8], from start: Int, pattern: String) throws(GlobError) -> String? {
        guard let close = bytes[start...].firstIndex(of: UInt8(ascii: "]")), close > start,
              bytes[close - 1] == UInt8(ascii: ":") else { return nil }
        let name = String(decoding: bytes[start..<(close - 1)], as: UTF8.self)
        guard posixTests[name] != nil else {
            throw GlobError(pattern: pattern, message: "unknown character class '[:\(name):]'; expected one of \(posixTests.keys.sorted().joined(separator: ", "))")
        }
        return name
    }

    private static func show(_ byte: UInt8) -> String { String(decoding: [byte], as: UTF8.self) }

    /// Whether `byte` is in the class.
    func contains(_ byte: UInt8) -> Bool {
        guard byte != UInt8(ascii: "/") else { return false }
        let member = ranges.contains { $0.contains(byte) } || posixClasses.contains { Self.posixTests[$0]?(byte) ?? false }
        return member != negated
    }
}
