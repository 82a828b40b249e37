import Foundation
@testable import QuillKit
import Testing

@Suite("Per-case blobs")
struct EvalCasesTests {
    private let cases = [
        EvalCase(id: "b", metrics: ["accuracy": 1, "latency_ms": 812.25, "tiny": 1e-7, "big": 1e21, "negative": -3], pass: true, output: "Fine — thanks ✓", repeatIndex: 1),
        EvalCase(id: "b", metrics: [:], pass: false, output: nil, repeatIndex: 0),
        EvalCase(id: "a", metrics: ["score": 0.5]),
        EvalCase(id: "c", output: "two\nlines with \"quotes\" and \\ and \t"),
    ]

    @Test("the fast reader and JSONDecoder read a canonical blob the same, escapes included")
    func roundTrip() throws {
        let data = try EvalCases.encode(cases)
        let decoded = try EvalCases.decode(data)
        let reference = try data.split(separator: 0x0A).map { try JSONDecoder().decode(EvalCase.self, from: Data($0)) }
        #expect(decoded == reference)
        #expect(decoded.map(\.id) == ["a", "b", "b", "c"])
        #expect(decoded[3].output == "two\nlines with \"quotes\" and \\ and \t")
        let plain = try EvalCases.encode(Array(cases.prefix(3)))
        #expect(plain.withUnsafeBytes(CaseLineScanner.cases(in:)) == (try EvalCases.decode(plain)))
    }

    @Test("lines of another shape fall back to JSONDecoder: unknown keys ignored, errors thrown")
    func fallback() throws {
        let other = Data(#"{"id":"x","extra":[1,2],"metrics":{},"pass":true}"#.utf8 + [0x0A] + #"{"id": "y" , "metrics": {"m": 2}}"#.utf8)
        #expect(other.withUnsafeBytes(CaseLineScanner.cases(in:)) == nil)
        let decoded = try EvalCases.decode(other)
        #expect(decoded == [EvalCase(id: "x", pass: true), EvalCase(id: "y", metrics: ["m": 2])])
        #expect(throws: (any Error).self) { try EvalCases.decode(Data(#"{"id": 1"#.utf8)) }
        #expect(throws: (any Error).self) { try EvalCases.decode(Data(#"{"id": "no metrics"}"#.utf8)) }
    }

    /// The fast reader must never accept a line JSONDecoder refuses or reads otherwise.
    private func expectAgreement(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let data = Data(line.utf8)
        guard let scanned = data.withUnsafeBytes(CaseLineScanner.cases(in:)) else { return }
        let decoded = try? JSONDecoder().decode(EvalCase.self, from: data)
        #expect(decoded.map { [$0] } == scanned, "\(line)", sourceLocation: sourceLocation)
    }

    @Test("the fast reader accepts no line JSONDecoder refuses: numbers JSON forbids, hand-written", arguments: [
        "+1", "01", "-01", ".5", "1.", "1e", "1e+", "-", "00", "0x1", "1e400", "-1e400", "1.5e-3", "-0", "0", "1E+2", "12", "0.25",
        "1", "999999999999999", "1000000000000001", "9007199254740993", "123456789012345678901234567890",
    ])
    func numbers(number: String) {
        expectAgreement(#"{"id":"a","metrics":{"m":\#(number)}}"#)
        expectAgreement(#"{"id":"a","metrics":{},"repeatIndex":\#(number)}"#)
    }

    @Test("the fast reader accepts no line JSONDecoder refuses or reads otherwise, on 5,000 mutated lines")
    func mutatedLines() throws {
        var random = SeededGenerator(seed: 7)
        let lines = try EvalCases.encode(cases).split(separator: 0x0A).map { Array($0) }
        let alphabet = Array(#"{}[]:,"\ 0123456789+-.eEtrufalsn"#.utf8)
        var accepted = 0
        for _ in 0..<5_000 {
            let line = LineMutation.mutated(lines, alphabet: alphabet, using: &random)
            let text = String(decoding: line, as: UTF8.self)
            if Data(line).withUnsafeBytes(CaseLineScanner.cases(in:)) != nil { accepted += 1 }
            expectAgreement(text)
        }
        #expect(accepted > 300, "too few mutations were read by the fast reader to compare")
    }
}
