import Foundation
@testable import QuillKit
import Testing

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

    @Test("numbers read back to the same double")
    func roundTrips() throws {
        for number in [0.1, 1.0 / 3.0, 123_456.789, 1e-300, 9_007_199_254_740_993.0, -0.0, 42] {
            let text = try #require(CanonicalJSON.number(number))
            #expect(Double(text) == number)
        }
    }
}
