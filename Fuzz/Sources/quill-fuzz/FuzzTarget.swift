import Foundation

/// One fuzz target: the name it is chosen by and the function every input is handed to. A target
/// returns normally for any input the code under test accepts or refuses; a crash, a sanitizer
/// report, a leak, a timeout or a broken invariant (`Invariant.require`) is a finding.
struct FuzzTarget: Sendable {
    let name: String
    /// What the target feeds its input to, for `quill-fuzz --list`.
    let summary: String
    let run: @Sendable ([UInt8]) -> Void

    /// The environment variable naming the target of this process.
    static let environmentKey = "QUILL_FUZZ_TARGET"

    /// Every target, in the order `scripts/fuzz/run-all.sh` runs them.
    static let all: [FuzzTarget] = PromptTargets.all + [ConfigTarget.target] + ResultTargets.all
        + [CanonicalJSONTarget.target, CaseLinesTarget.target, ScoreLinesTarget.target, RawTreeTarget.target, CommitTarget.target,
           PackTarget.target, CommitGraphTarget.target] + ChromaTargets.all

    /// One target per `(name, path, summary)`, each handing its input to `read` as the file at `path`
    /// (readers choose their format by the file's name).
    static func files(_ rows: [(name: String, path: String, summary: String)], read: @escaping @Sendable ([UInt8], String) -> Void) -> [FuzzTarget] {
        rows.map { row in FuzzTarget(name: row.name, summary: row.summary) { bytes in read(bytes, row.path) } }
    }

    static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }

    /// The target named by the environment.
    static let selected: FuzzTarget? = ProcessInfo.processInfo.environment[environmentKey].flatMap(named)
}

/// libFuzzer's callback: hands the input to the selected target.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = FuzzTarget.selected else { return -1 }
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard !KnownIssue.skips(bytes, in: target.name) else { return -1 }
    target.run(bytes)
    return 0
}
