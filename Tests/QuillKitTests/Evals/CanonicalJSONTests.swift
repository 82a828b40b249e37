import Foundation
@testable import QuillKit
import Testing
import TestSupport

@Suite("Canonical JSON")
struct CanonicalJSONTests {
    @Test("sorts keys by bytes, drops white space, writes whole numbers as integers")
    func canonicalForm() throws {
        let value = JSONValue.object([
            "b": .array([.number(1), .number(0.5), .number(-2e-7), .bool(true), .null]),
            "a": .string("tab\there \"quoted\" \\ and \u{1}"),
            "B": .number(1e21),
        ])
        let text = String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
        #expect(text == #"{"B":1e+21,"a":"tab\there \"quoted\" \\ and \u0001","b":[1,0.5,-2e-07,true,null]}"#)
    }

    @Test("Python's json module, made to write the same canonical form, reproduces every byte of 400 random values")
    func agreesWithPython() throws {
        var random = SeededGenerator(seed: 21)
        let lines = try (0..<400).map { _ in String(decoding: try CanonicalJSON.encode(Self.randomValue(depth: 3, using: &random)), as: UTF8.self) }
        // An independent writer of the documented form (docs/storage.md): keys sorted by code point
        // (= UTF-8 byte order), no white space, `\"` `\\` `\n` `\r` `\t` and other control characters
        // as \u00XX (Python writes \b and \f short: its pure-Python encoder is told not to), whole
        // numbers below 2^53 as integers, others as the shortest repr that reads back.
        let script = """
            import json, json.encoder, sys
            json.encoder.ESCAPE_DCT.update({"\\b": "\\\\u0008", "\\f": "\\\\u000c"})
            json.encoder.c_make_encoder = None
            json.encoder.encode_basestring = json.encoder.py_encode_basestring
            def norm(v):
                if isinstance(v, float) and v == int(v) and abs(v) < 2**53: return int(v)
                if isinstance(v, list): return [norm(x) for x in v]
                if isinstance(v, dict): return {k: norm(x) for k, x in v.items()}
                return v
            for line in sys.stdin.read().split("\\n"):
                print(json.dumps(norm(json.loads(line)), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False))
            """
        let python = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", script], input: Data(lines.joined(separator: "\n").utf8))
        #expect(python.status == 0, "\(python.stderr)")
        let expected = python.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(expected.count == lines.count)
        for (ours, theirs) in zip(lines, expected) where ours != theirs {
            Issue.record("Quill wrote \(ours), Python \(theirs)")
        }
    }

    /// A random JSON value: strings with quotes, back slashes, control characters and non-ASCII
    /// text; numbers whole, fractional, tiny, huge and negative; nested arrays and objects.
    private static func randomValue(depth: Int, using random: inout SeededGenerator) -> JSONValue {
        let pieces = ["a", "Z", "\"", "\\", "\n", "\t", "\u{1}", "\u{8}", "\u{C}", "\u{1F}", "\u{7F}", "é", "中", "😀", "\u{2028}", " ", "/"]
        func text() -> String { (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() }
        func number() -> Double {
            switch Int.random(in: 0..<9, using: &random) {
            case 0: Double(Int.random(in: -1_000...1_000, using: &random))
            case 1: Double.random(in: -1...1, using: &random)
            case 2: Double.random(in: 0...1, using: &random) * 1e-9
            case 3: Double.random(in: 1...10, using: &random) * 1e20
            case 4: Double(Int64.random(in: 1 << 52...1 << 60, using: &random))
            case 5: 1e16
            case 6: 0.1
            case 7: 1e-5
            default: 123_456.789
            }
        }
        switch Int.random(in: 0..<(depth > 0 ? 7 : 5), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(number())
        case 3, 4: return .string(text())
        case 5: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(depth: depth - 1, using: &random) })
        default:
            var object = [String: JSONValue]()
            for _ in 0..<Int.random(in: 0...4, using: &random) { object[text()] = randomValue(depth: depth - 1, using: &random) }
            return .object(object)
        }
    }

    @Test("refuses NaN and infinity, naming where they are", arguments: [Double.nan, .infinity, -.infinity])
    func refusesNonFinite(value: Double) {
        let error = #expect(throws: CanonicalJSON.Failure.self) {
            try CanonicalJSON.encode(JSONValue.object(["metrics": .object(["accuracy": .number(value)])]))
        }
        #expect(error?.path == "$.metrics.accuracy")
    }

    @Test("equal values encode to equal bytes whatever their construction order")
    func stableAcrossOrder() throws {
        let first = EvalRecord(prompt: "prompts/a.prompt", promptBlob: String(repeating: "a", count: 40), commit: String(repeating: "b", count: 40), suite: "smoke", metrics: ["x": 1, "a": 0.25, "m": 3.5], source: "quill")
        var second = first
        second.metrics = ["m": 3.5, "x": 1.0, "a": 0.25]
        #expect(try first.canonicalData() == second.canonicalData())
        let text = String(decoding: try first.canonicalData(), as: UTF8.self)
        #expect(text == #"{"commit":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","metrics":{"a":0.25,"m":3.5,"x":1},"prompt":"prompts/a.prompt","promptBlob":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","quill":1,"source":"quill","suite":"smoke"}"#)
    }

    @Test("records and cases encode to the same bytes directly as through Codable, every optional present or absent")
    func directEncodingMatchesCodable() throws {
        let id = String(repeating: "c", count: 40)
        let full = EvalRecord(
            prompt: "prompts/a.prompt", promptBlob: id, commit: id, suite: "smoke", dataset: DatasetReference(name: "tickets", id: id),
            model: "gpt-4o", parameters: ["temperature": .number(0.2), "stop": .array([.string("\n"), .null])], manifest: id,
            metrics: ["accuracy": 0.91, "latency_ms": 120], cases: CasesReference(blob: id, count: 3), errors: 1, source: "promptfoo")
        let minimal = EvalRecord(prompt: "p.txt", promptBlob: id, commit: id, suite: "default", dataset: DatasetReference(name: "d"), metrics: [:], source: "dvc")
        for record in [full, minimal] {
            #expect(try record.canonicalData() == viaCodable(record))
            #expect(try EvalRecord(stored: record.canonicalData()) == record, "read back as stored")
            #expect(try EvalRecord(stored: record.canonicalData()) == JSONDecoder().decode(EvalRecord.self, from: record.canonicalData()))
        }
        let extended = Data(#"{"quill": 1, "prompt": "p", "promptBlob": "b", "commit": "c", "suite": "s", "metrics": {"m": 2}, "source": "dvc", "model": null, "future": [1, {"x": 2}]}"#.utf8)
        #expect(try EvalRecord(stored: extended) == JSONDecoder().decode(EvalRecord.self, from: extended), "unknown keys ignored, null optionals absent")
        for broken in [#"{"quill": 1}"#, #"[1]"#, #"{"quill": 1, "prompt": "p", "promptBlob": "b", "commit": "c", "suite": "s", "metrics": {"m": "x"}, "source": "dvc"}"#] {
            #expect(throws: (any Error).self) { try EvalRecord(stored: Data(broken.utf8)) }
        }
        let cases = [
            EvalCase(id: "case \"7\"", metrics: ["score": 1e-7, "a": 1, "Z": 0.5, "é": 2], pass: false, output: "ünïcode\t", repeatIndex: 2),
            EvalCase(id: "1"), EvalCase(id: "x", pass: true, repeatIndex: 0), EvalCase(id: "e", output: "o", error: "HTTP 429\n"),
        ]
        for item in cases {
            var direct = [UInt8]()
            try item.appendCanonical(to: &direct)
            #expect(try Data(direct) == viaCodable(item))
        }
        #expect(try EvalCases.decode(EvalCases.encode(cases)) == cases.sorted { ($0.id, $0.repeatIndex ?? 0) < ($1.id, $1.repeatIndex ?? 0) })
    }

    /// The general path: `JSONEncoder`, then normalised.
    private func viaCodable(_ value: some Encodable) throws -> Data {
        try CanonicalJSON.encode(value)
    }

    @Test("numbers read back to the same double")
    func roundTrips() throws {
        for number in [0.1, 1.0 / 3.0, 123_456.789, 1e-300, 9_007_199_254_740_993.0, -0.0, 42] {
            let text = try #require(CanonicalJSON.number(number))
            #expect(Double(text) == number)
        }
    }
}
