import Yams

/// The tags Yams' default resolver gives plain scalars, decided by scanning bytes instead of with its
/// regular expressions (which load ICU: about 3 ms and 4 MB of a process's start).
///
/// The rules are those of `Yams.Resolver.default`, in its order (bool, int, float, merge, null,
/// timestamp, value; anything else is a string), on the YAML 1.1 forms its patterns spell. A plain
/// scalar as libyaml reads it never ends in a line break, so the patterns' `$` matching before a
/// final line break does not arise here.
enum YAMLCoreSchema {
    /// The tag of a plain scalar whose text is `text`.
    static func tag(ofPlain text: String) -> Tag.Name {
        var text = text
        return text.withUTF8 { tag(of: Bytes(bytes: $0)) }
    }

    /// Gives every plain scalar under `node` its tag by these rules where the tag is not a string's.
    ///
    /// For a tree composed with `Resolver.basic` from text without explicit tags or aliases: there a
    /// plain scalar's tag is implicit (or already resolved to a string by Yams' duplicate-key check),
    /// and no subtree is shared, so the tree is changed in place.
    static func stampTags(_ node: inout Node) {
        stampTags(&node, placeholder: .scalar(Node.Scalar("", Tag(.str, .basic, .default))))
    }

    /// Stamps `node`'s subtree; `placeholder` stands in for each child while it is changed, so the
    /// tree holds no second reference to it and it changes without a copy.
    private static func stampTags(_ node: inout Node, placeholder: Node) {
        switch node {
        case .scalar(var scalar):
            guard scalar.style == .plain else { return }
            let name = tag(ofPlain: scalar.string)
            guard name != .str else { return }
            scalar.tag = Tag(name, .basic, .default)
            node = .scalar(scalar)
        case .mapping(var mapping):
            node = placeholder
            for index in mapping.indices {
                var (key, value) = mapping[index]
                mapping[index] = (placeholder, placeholder)
                stampTags(&key, placeholder: placeholder)
                stampTags(&value, placeholder: placeholder)
                mapping[index] = (key, value)
            }
            node = .mapping(mapping)
        case .sequence(var sequence):
            node = placeholder
            for index in sequence.indices {
                var item = sequence[index]
                sequence[index] = placeholder
                stampTags(&item, placeholder: placeholder)
                sequence[index] = item
            }
            node = .sequence(sequence)
        case .alias:
            break
        }
    }

    private static func tag(of text: Bytes) -> Tag.Name {
        if isBool(text) { return .bool }
        if isInt(text) { return .int }
        if isFloat(text) { return .float }
        if text.equals("<<") { return .merge }
        if text.count == 0 || ["~", "null", "Null", "NULL"].contains(where: text.equals) { return .null }
        if isTimestamp(text) { return .timestamp }
        if text.equals("=") { return .value }
        return .str
    }

    private static let boolWords = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE",
        "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    ]

    private static func isBool(_ text: Bytes) -> Bool {
        text.count <= 5 && boolWords.contains(where: text.equals)
    }

    /// `[-+]?` then binary `0b…`, octal `0…` or `0o…`, decimal, hexadecimal `0x…`, or base 60 `1:30`.
    private static func isInt(_ text: Bytes) -> Bool {
        var scan = text.scanner
        scan.skip(ifIn: "+-")
        let body = scan
        if scan.skip("0b") { return scan.skipAll(in: "01_") > 0 && scan.isAtEnd }
        scan = body
        if scan.skip("0x") { return scan.skipAll(where: { isHexDigit($0) || $0 == UInt8(ascii: "_") }) > 0 && scan.isAtEnd }
        scan = body
        if scan.skip("0") {
            if scan.isAtEnd { return true }
            _ = scan.skip("o")
            return scan.skipAll(in: "01234567_") > 0 && scan.isAtEnd
        }
        guard scan.skip(where: { (UInt8(ascii: "1")...UInt8(ascii: "9")).contains($0) }) else { return false }
        scan.skipAll(in: "0123456789_")
        if scan.isAtEnd { return true }
        return scan.skipSexagesimalGroups() && scan.isAtEnd
    }

    /// `[-+]?` digits with an optional fraction and exponent, `.5`, base 60 `1:30.5`, `.inf`, `.nan`.
    private static func isFloat(_ text: Bytes) -> Bool {
        var scan = text.scanner
        if scan.skip(".") {
            if ["nan", "NaN", "NAN", "inf", "Inf", "INF"].contains(where: scan.rest.equals) { return true }
            guard scan.skipAll(in: "0123456789_") > 0 else { return false }
            if scan.isAtEnd { return true }
            return scan.skip(ifIn: "eE") && scan.skip(ifIn: "+-") && scan.skipAll(in: decimalDigits) > 0 && scan.isAtEnd
        }
        scan.skip(ifIn: "+-")
        if scan.skip(".") { return ["inf", "Inf", "INF"].contains(where: scan.rest.equals) }
        guard scan.skip(ifIn: decimalDigits) else { return false }
        scan.skipAll(in: "0123456789_")
        let integerPart = scan
        // digits, then an optional fraction and exponent
        if scan.skip(".") { scan.skipAll(in: "0123456789_") }
        if scan.isAtEnd { return true }
        if scan.skip(ifIn: "eE") {
            scan.skip(ifIn: "+-")
            if scan.skipAll(in: decimalDigits) > 0 && scan.isAtEnd { return true }
        }
        // base 60: digits, groups of ':' and up to two digits, then a fraction
        scan = integerPart
        guard scan.skipSexagesimalGroups(), scan.skip(".") else { return false }
        scan.skipAll(in: "0123456789_")
        return scan.isAtEnd
    }

    /// `2001-12-14`, or a date with one- or two-digit month and day, a time, a fraction and a zone.
    private static func isTimestamp(_ text: Bytes) -> Bool {
        var scan = text.scanner
        guard scan.skipAll(in: decimalDigits) == 4, scan.skip("-") else { return false }
        let month = scan.skipAll(in: decimalDigits)
        guard (1...2).contains(month), scan.skip("-") else { return false }
        let day = scan.skipAll(in: decimalDigits)
        guard (1...2).contains(day) else { return false }
        if scan.isAtEnd { return month == 2 && day == 2 }
        if !scan.skip(ifIn: "Tt") {
            guard scan.skipAll(in: " \t") > 0 else { return false }
        }
        guard (1...2).contains(scan.skipAll(in: decimalDigits)), scan.skip(":"),
              scan.skipAll(in: decimalDigits) == 2, scan.skip(":"),
              scan.skipAll(in: decimalDigits) == 2
        else { return false }
        if scan.skip(".") { scan.skipAll(in: decimalDigits) }
        if scan.isAtEnd { return true }
        scan.skipAll(in: " \t")
        if scan.skip("Z") { return scan.isAtEnd }
        guard scan.skip(ifIn: "+-"), (1...2).contains(scan.skipAll(in: decimalDigits)) else { return false }
        if scan.skip(":") { guard scan.skipAll(in: decimalDigits) == 2 else { return false } }
        return scan.isAtEnd
    }

    private static let decimalDigits = "0123456789"

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }

    /// A scalar's UTF-8 bytes.
    private struct Bytes {
        let bytes: UnsafeBufferPointer<UInt8>

        var count: Int { bytes.count }
        var scanner: Scanner { Scanner(bytes: bytes, position: 0) }

        func equals(_ word: String) -> Bool {
            bytes.elementsEqual(word.utf8)
        }
    }

    /// A position in a scalar's bytes that moves forward over what it recognises.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int

        var isAtEnd: Bool { position == bytes.count }
        var rest: Bytes { Bytes(bytes: UnsafeBufferPointer(rebasing: bytes[position...])) }

        /// Skips `word` if the bytes continue with it.
        mutating func skip(_ word: String) -> Bool {
            let end = position + word.utf8.count
            guard end <= bytes.count, bytes[position..<end].elementsEqual(word.utf8) else { return false }
            position = end
            return true
        }

        /// Skips one byte that satisfies `accepts`.
        mutating func skip(where accepts: (UInt8) -> Bool) -> Bool {
            guard !isAtEnd, accepts(bytes[position]) else { return false }
            position += 1
            return true
        }

        /// Skips one byte that is one of the ASCII characters of `set`.
        @discardableResult
        mutating func skip(ifIn set: String) -> Bool {
            skip { set.utf8.contains($0) }
        }

        /// Skips every byte that satisfies `accepts`; the number skipped.
        @discardableResult
        mutating func skipAll(where accepts: (UInt8) -> Bool) -> Int {
            let start = position
            while skip(where: accepts) {}
            return position - start
        }

        /// Skips every byte that is one of the ASCII characters of `set`; the number skipped.
        @discardableResult
        mutating func skipAll(in set: String) -> Int {
            skipAll { set.utf8.contains($0) }
        }

        /// Skips one or more `:` groups of base 60, each one digit or two of which the first is 0 to 5.
        mutating func skipSexagesimalGroups() -> Bool {
            var groups = 0
            while skip(":") {
                let start = position
                let digits = skipAll(in: YAMLCoreSchema.decimalDigits)
                guard digits == 1 || (digits == 2 && bytes[start] <= UInt8(ascii: "5")) else { return false }
                groups += 1
            }
            return groups > 0
        }
    }
}
