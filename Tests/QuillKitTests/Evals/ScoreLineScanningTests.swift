import Foundation
import GitKit
@testable import QuillKit
import Testing

@Suite("Score summary lines")
struct ScoreLineScanningTests {
    private static let ids = (1...3).map { ObjectID(hex: String(repeating: "\($0)", count: 40))! }
    private let lines = [
        ScoreLine(
            id: ids[0], commit: String(repeating: "a", count: 40), prompt: "prompts/support.prompt", suite: "smoke", model: "gpt-4o-mini",
            metrics: ["accuracy": 0.91, "latency_ms": 812.25, "tiny": 1e-7, "big": 1e21, "negative": -3], manifest: "m-1", cases: 120,
            errors: 2, meta: ids[1]),
        ScoreLine(id: ids[1], commit: "HEAD~1", prompt: "prompts/ünï — ✓.prompt", suite: "s", model: nil, metrics: [:], manifest: nil, cases: nil, errors: nil, meta: nil),
        ScoreLine(id: ids[2], commit: "c", prompt: "p", suite: "nightly", model: "m", metrics: ["score": 0], manifest: nil, cases: 0, errors: 0, meta: ids[2]),
    ]

    private func scanned(_ line: some Collection<UInt8>) -> ScoreLine? {
        Array(line).withUnsafeBytes(ScoreLine.init(scanning:))
    }

    @Test("the fast reader reads every line Quill writes as the full reader does")
    func canonicalLines() throws {
        let summary = try ScoreSummary.encode(lines)
        for line in summary.split(separator: 0x0A) {
            let fast = try #require(scanned(line))
            #expect(fast == (try ScoreLine(parsing: ArraySlice(line))))
        }
        #expect(Set(try ScoreSummary.decode(summary)) == Set(lines))
    }

    @Test("a line with an escape, an unknown key or null falls back to the full reader")
    func fallback() throws {
        let quoted = ScoreLine(id: Self.ids[0], commit: "c", prompt: #"prompts/"quoted"\and"#, suite: "s\t1", model: nil, metrics: ["m": 1], manifest: nil, cases: nil, errors: nil, meta: nil)
        let escaped = try quoted.canonicalData()
        #expect(scanned(escaped) == nil)
        #expect(try ScoreSummary.decode(escaped + [0x0A]) == [quoted])
        let other = Data(#"{"commit":"c","extra":[1],"id":"\#(Self.ids[0].hex)","metrics":{"m":1},"model":null,"prompt":"p","suite":"s"}"#.utf8)
        #expect(scanned(other) == nil)
        #expect(try ScoreSummary.decode(other + [0x0A]).map(\.model) == [nil])
    }

    @Test("a malformed line is refused with one line saying what is wrong", arguments: [
        #"{"commit":"c","id":"#, #"{"commit":"c","metrics":{},"prompt":"p","suite":"s"}"#, #"{"commit":"c","id":"xyz","metrics":{},"prompt":"p","suite":"s"}"#,
        #"{"commit":"c","id":"1111111111111111111111111111111111111111","metrics":{"m":"high"},"prompt":"p","suite":"s"}"#, "[]", "",
    ])
    func malformed(line: String) {
        #expect(scanned(Array(line.utf8)) == nil)
        do {
            _ = try ScoreSummary.decode(Data((line + "\n").utf8))
            Issue.record("'\(line)' was read")
        } catch {
            #expect("\(error)".hasPrefix("stored evaluation record: score line: "), "\(error)")
            #expect(!"\(error)".contains("\n"))
        }
    }

    /// The fast reader must never accept a line the full reader refuses or reads otherwise.
    private func expectAgreement(_ line: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        guard let fast = scanned(line) else { return }
        #expect((try? ScoreLine(parsing: ArraySlice(line))) == fast, "\(String(decoding: line, as: UTF8.self))", sourceLocation: sourceLocation)
    }

    @Test("the fast reader accepts no number the full reader reads otherwise", arguments: [
        "+1", "01", "-01", ".5", "1.", "1e", "1e+", "-", "00", "0x1", "1e400", "-1e400", "1.5e-3", "-0", "0", "1E+2", "12", "0.25", "1e2", "2.5", "9e15", "-3",
        "1", "999999999999999", "1000000000000001", "9007199254740993", "123456789012345678901234567890",
    ])
    func numbers(number: String) {
        let id = Self.ids[0].hex
        expectAgreement(Array(#"{"commit":"c","id":"\#(id)","metrics":{"m":\#(number)},"prompt":"p","suite":"s"}"#.utf8))
        expectAgreement(Array(#"{"cases":\#(number),"commit":"c","id":"\#(id)","metrics":{},"prompt":"p","suite":"s"}"#.utf8))
    }

    @Test("the fast reader accepts no line the full reader refuses or reads otherwise, on 5,000 mutated lines")
    func mutatedLines() throws {
        var random = SeededGenerator(seed: 19)
        let encoded = try ScoreSummary.encode(lines).split(separator: 0x0A).map { Array($0) }
        let alphabet = Array(#"{}[]:,"\ 0123456789abcdef+-.eEtrufalsn"#.utf8) + [0xC3, 0xFF]
        var accepted = 0
        for _ in 0..<5_000 {
            let line = LineMutation.mutated(encoded, alphabet: alphabet, using: &random)
            if scanned(line) != nil { accepted += 1 }
            expectAgreement(line)
        }
        #expect(accepted > 300, "too few mutations were read by the fast reader to compare")
    }
}
