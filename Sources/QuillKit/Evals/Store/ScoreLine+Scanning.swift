import GitKit

extension ScoreLine {
    /// Reads a stored line in the form Quill writes it: one object of the summary line's keys, each
    /// string without escapes, each number as JSON writes it; nil for anything else (another key,
    /// `null`, an escape, a syntax error), which `init(stored:)` leaves to the full JSON reader.
    ///
    /// Every line it accepts reads as the full reader reads it. It exists because `log` with scores,
    /// `eval list P` and `blame --metric` read one line per record of every version they show.
    init?(scanning line: UnsafeRawBufferPointer) {
        var scanner = JSONLineScanner(bytes: line)
        var id: ObjectID?, commit: String?, prompt: String?, suite: String?, metrics: [String: Double]?
        var model: String?, manifest: String?, cases: Int?, errors: Int?, meta: ObjectID?
        guard scanner.consume(UInt8(ascii: "{")), !scanner.consume(UInt8(ascii: "}")) else { return nil }
        repeat {
            guard let key = scanner.string(), scanner.consume(UInt8(ascii: ":")) else { return nil }
            switch key {
            case "cases": guard let value = Self.whole(&scanner) else { return nil }; cases = value
            case "commit": guard let value = scanner.string() else { return nil }; commit = value
            case "errors": guard let value = Self.whole(&scanner) else { return nil }; errors = value
            case "id": guard let value = scanner.string().flatMap(ObjectID.init(hex:)) else { return nil }; id = value
            case "manifest": guard let value = scanner.string() else { return nil }; manifest = value
            case "meta": guard let value = scanner.string().flatMap(ObjectID.init(hex:)) else { return nil }; meta = value
            case "metrics": guard let value = scanner.metrics() else { return nil }; metrics = value
            case "model": guard let value = scanner.string() else { return nil }; model = value
            case "prompt": guard let value = scanner.string() else { return nil }; prompt = value
            case "suite": guard let value = scanner.string() else { return nil }; suite = value
            default: return nil
            }
        } while scanner.consume(UInt8(ascii: ","))
        guard scanner.consume(UInt8(ascii: "}")), scanner.isAtEnd(),
              let id, let commit, let prompt, let suite, let metrics else { return nil }
        self.init(
            id: id, commit: commit, prompt: prompt, suite: suite, model: model, metrics: metrics, manifest: manifest,
            cases: cases, errors: errors, meta: meta)
    }

    /// A whole number, under the full reader's rule (`StoredObject.whole`).
    private static func whole(_ scanner: inout JSONLineScanner) -> Int? {
        scanner.number().flatMap { StoredObject.whole(.number($0)) }
    }
}
