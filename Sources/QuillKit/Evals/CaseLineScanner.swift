/// A fast reader for the lines of a per-case blob as Quill writes them: one JSON object a line
/// with the keys `id` and `metrics` (an object of numbers), and optionally `error`, `output`, `pass`
/// and `repeatIndex`.
///
/// It reads exactly that shape and gives up (false or nil) on anything else — another key, another kind
/// of value, a syntax error — so the caller can fall back to `JSONDecoder`, which reads any JSON and
/// reports errors. It exists because per-case blobs are read whole by `quill diff`, and the generic
/// decoder spends most of its time on bookkeeping for a shape known in advance. What a line holds goes
/// to a `CaseLineSink` field by field: an `EvalCase` is one sink, a `CaseTable`'s columns another.
enum CaseLineScanner {
    /// Reads every line of `bytes` into `EvalCase`s; nil when any line is not of the canonical shape.
    static func cases(in bytes: UnsafeRawBufferPointer) -> [EvalCase]? {
        var sink = EvalCaseSink()
        return scan(bytes, into: &sink) ? sink.cases : nil
    }

    /// Hands every line of `bytes` to `sink`; false when a line is not of the canonical shape (the
    /// lines before it have been handed over).
    static func scan(_ bytes: UnsafeRawBufferPointer, into sink: inout some CaseLineSink) -> Bool {
        var scanner = JSONLineScanner(bytes: bytes)
        while !scanner.isAtEnd() {
            guard caseObject(&scanner, into: &sink) else { return false }
        }
        return true
    }

    private static func caseObject(_ scanner: inout JSONLineScanner, into sink: inout some CaseLineSink) -> Bool {
        guard scanner.consume(UInt8(ascii: "{")), !scanner.consume(UInt8(ascii: "}")) else { return false }
        sink.startCase()
        var hasID = false
        var hasMetrics = false
        repeat {
            guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")) else { return false }
            switch key {
            case "id":
                guard let id = scanner.string() else { return false }
                sink.setID(id)
                hasID = true
            case "output":
                guard let output = scanner.string() else { return false }
                sink.setOutput(output)
            case "error":
                guard let error = scanner.string() else { return false }
                sink.setError(error)
            case "pass":
                guard let pass = scanner.boolean() else { return false }
                sink.setPass(pass)
            case "repeatIndex":
                // From 2^53 on, a Double no longer holds every integer: the full reader reads those exactly.
                guard let number = scanner.number(), abs(number) < 9_007_199_254_740_992, let index = Int(exactly: number) else { return false }
                sink.setRepeatIndex(index)
            case "metrics":
                // A later `metrics` key replaces an earlier one, as in a decoded object.
                sink.clearMetrics()
                guard scanner.metrics({ name, value in sink.setMetric(name, value) }) else { return false }
                hasMetrics = true
            default:
                return false
            }
        } while scanner.consume(UInt8(ascii: ","))
        guard scanner.consume(UInt8(ascii: "}")), hasID, hasMetrics else { return false }
        sink.endCase()
        return true
    }
}

/// What `CaseLineScanner` hands the fields of each line to. A later value of a key replaces an earlier
/// one of the same line, as in a decoded `EvalCase`.
protocol CaseLineSink {
    /// A line begins: every field is unset.
    mutating func startCase()
    mutating func setID(_ id: String)
    mutating func setOutput(_ output: String)
    mutating func setError(_ error: String)
    mutating func setPass(_ pass: Bool)
    mutating func setRepeatIndex(_ index: Int)
    /// Forgets the metrics of the line read so far.
    mutating func clearMetrics()
    /// A metric of the line: its name as the bytes of valid UTF-8, and its value.
    mutating func setMetric(_ name: UnsafeRawBufferPointer, _ value: Double)
    /// The line was read whole and is of the canonical shape.
    mutating func endCase()
}

/// Reads lines into `EvalCase`s.
private struct EvalCaseSink: CaseLineSink {
    var cases = [EvalCase]()
    private var item = EvalCase(id: "")

    mutating func startCase() { item = EvalCase(id: "") }
    mutating func setID(_ id: String) { item.id = id }
    mutating func setOutput(_ output: String) { item.output = output }
    mutating func setError(_ error: String) { item.error = error }
    mutating func setPass(_ pass: Bool) { item.pass = pass }
    mutating func setRepeatIndex(_ index: Int) { item.repeatIndex = index }
    mutating func clearMetrics() { item.metrics = [:] }
    mutating func setMetric(_ name: UnsafeRawBufferPointer, _ value: Double) { item.metrics[String(decoding: name, as: UTF8.self)] = value }
    mutating func endCase() { cases.append(item) }
}
