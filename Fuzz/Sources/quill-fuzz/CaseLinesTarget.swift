import Foundation
@testable import QuillKit

/// The per-case blob reader: `CaseLineScanner`, the fast path for Quill's own lines, must agree with
/// `JSONDecoder` on every input it accepts, and whatever `EvalCases.decode` reads must survive being
/// written and read again.
enum CaseLinesTarget {
    static let target = FuzzTarget(name: "case-lines", summary: "per-case JSON Lines: CaseLineScanner against JSONDecoder") { bytes in
        let data = Data(bytes)
        if let scanned = data.withUnsafeBytes(CaseLineScanner.cases(in:)) {
            let lines = data.split(separator: UInt8(ascii: "\n")).filter { line in line.contains { !isJSONSpace($0) } }
            let decoded = lines.map { line in try? JSONDecoder().decode(EvalCase.self, from: Data(line)) }
            Invariant.require(decoded == scanned.map(Optional.some), "CaseLineScanner read \(scanned), JSONDecoder \(decoded)")
        }
        if let cases = try? EvalCases.decode(data) { checkRoundTrip(cases) }
    }

    /// `cases` written as a per-case blob and read back are the same cases.
    static func checkRoundTrip(_ cases: [EvalCase]) {
        guard let blob = try? EvalCases.encode(cases) else { return }
        let back: [EvalCase]
        do {
            back = try EvalCases.decode(blob)
        } catch {
            Invariant.require(false, "a per-case blob Quill wrote does not read back: \(error)")
            return
        }
        Invariant.require(back.count == cases.count && Set(back) == Set(cases), "cases changed on the way through a blob: \(cases) -> \(back)")
    }

    private static func isJSONSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
