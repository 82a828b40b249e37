/// A fast reader for the lines of a per-case blob as Quill writes them: one JSON object a line
/// with the keys `id` and `metrics` (an object of numbers), and optionally `error`, `output`, `pass`
/// and `repeatIndex`.
///
/// It reads exactly that shape and gives up (nil) on anything else — another key, another kind of
/// value, a syntax error — so the caller can fall back to `JSONDecoder`, which reads any JSON and
/// reports errors. It exists because per-case blobs are read whole by `quill diff`, and the generic
/// decoder spends most of its time on bookkeeping for a shape known in advance.
struct CaseLineScanner {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    /// Reads every line of `bytes`; nil when any line is not of the canonical shape.
    static func cases(in bytes: UnsafeRawBufferPointer) -> [EvalCase]? {
        var scanner = CaseLineScanner(bytes: bytes)
        var cases = [EvalCase]()
        while true {
            scanner.skipWhitespace()
            guard scanner.position < bytes.count else { return cases }
            guard let item = scanner.caseObject() else { return nil }
            cases.append(item)
        }
    }

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    private mutating func caseObject() -> EvalCase? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var item = EvalCase(id: "")
        var hasID = false
        var hasMetrics = false
        if consume(UInt8(ascii: "}")) { return nil }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")) else { return nil }
            switch key {
            case "id":
                guard let id = string() else { return nil }
                item.id = id
                hasID = true
            case "output":
                guard let output = string() else { return nil }
                item.output = output
            case "error":
                guard let error = string() else { return nil }
                item.error = error
            case "pass":
                guard let pass = boolean() else { return nil }
                item.pass = pass
            case "repeatIndex":
                guard let number = number(), let index = Int(exactly: number) else { return nil }
                item.repeatIndex = index
            case "metrics":
                guard let metrics = metrics() else { return nil }
                item.metrics = metrics
                hasMetrics = true
            default:
                return nil
            }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}")) && hasID && hasMetrics ? item : nil
    }

    private mutating func metrics() -> [String: Double]? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var metrics = [String: Double]()
        if consume(UInt8(ascii: "}")) { return metrics }
        repeat {
            guard let name = string(), consume(UInt8(ascii: ":")), let value = number() else { return nil }
            metrics[name] = value
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}")) ? metrics : nil
    }

    /// A string without escapes is copied as it is; one with escapes is left to the full decoder.
    private mutating func string() -> String? {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        position = end + 1
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// A number as JSON writes one, `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, that
    /// is finite as a Double; nil otherwise (`+1`, `01`, `.5` and `1e400` are left to the full decoder).
    private mutating func number() -> Double? {
        skipWhitespace()
        let start = position
        _ = consumeByte(UInt8(ascii: "-"))
        if !consumeByte(UInt8(ascii: "0")) {
            guard digits() > 0 else { return nil }
        }
        if consumeByte(UInt8(ascii: ".")), digits() == 0 { return nil }
        if consumeByte(UInt8(ascii: "e")) || consumeByte(UInt8(ascii: "E")) {
            if !consumeByte(UInt8(ascii: "+")) { _ = consumeByte(UInt8(ascii: "-")) }
            guard digits() > 0 else { return nil }
        }
        guard let value = Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)),
              value.isFinite else { return nil }
        return value
    }

    /// Skips a run of ASCII digits and says how long it was.
    private mutating func digits() -> Int {
        let start = position
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") { position += 1 }
        return position - start
    }

    /// Consumes `byte` if it comes next (no white space skipped).
    private mutating func consumeByte(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func boolean() -> Bool? {
        skipWhitespace()
        if matches("true") { return true }
        if matches("false") { return false }
        return nil
    }

    private mutating func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { return false }
        position += count
        return true
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }
}
