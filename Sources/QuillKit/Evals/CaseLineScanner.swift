/// A fast reader for the lines of a per-case blob as Quill writes them: one JSON object a line
/// with the keys `id` and `metrics` (an object of numbers), and optionally `error`, `output`, `pass`
/// and `repeatIndex`.
///
/// It reads exactly that shape and gives up (nil) on anything else — another key, another kind of
/// value, a syntax error — so the caller can fall back to `JSONDecoder`, which reads any JSON and
/// reports errors. It exists because per-case blobs are read whole by `quill diff`, and the generic
/// decoder spends most of its time on bookkeeping for a shape known in advance.
enum CaseLineScanner {
    /// Reads every line of `bytes`; nil when any line is not of the canonical shape.
    static func cases(in bytes: UnsafeRawBufferPointer) -> [EvalCase]? {
        var scanner = JSONLineScanner(bytes: bytes)
        var cases = [EvalCase]()
        while !scanner.isAtEnd() {
            guard let item = caseObject(&scanner) else { return nil }
            cases.append(item)
        }
        return cases
    }

    private static func caseObject(_ scanner: inout JSONLineScanner) -> EvalCase? {
        guard scanner.consume(UInt8(ascii: "{")) else { return nil }
        var item = EvalCase(id: "")
        var hasID = false
        var hasMetrics = false
        if scanner.consume(UInt8(ascii: "}")) { return nil }
        repeat {
            guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")) else { return nil }
            switch key {
            case "id":
                guard let id = scanner.string() else { return nil }
                item.id = id
                hasID = true
            case "output":
                guard let output = scanner.string() else { return nil }
                item.output = output
            case "error":
                guard let error = scanner.string() else { return nil }
                item.error = error
            case "pass":
                guard let pass = scanner.boolean() else { return nil }
                item.pass = pass
            case "repeatIndex":
                // From 2^53 on, a Double no longer holds every integer: the full reader reads those exactly.
                guard let number = scanner.number(), abs(number) < 9_007_199_254_740_992, let index = Int(exactly: number) else { return nil }
                item.repeatIndex = index
            case "metrics":
                guard let metrics = scanner.metrics() else { return nil }
                item.metrics = metrics
                hasMetrics = true
            default:
                return nil
            }
        } while scanner.consume(UInt8(ascii: ","))
        return scanner.consume(UInt8(ascii: "}")) && hasID && hasMetrics ? item : nil
    }
}
