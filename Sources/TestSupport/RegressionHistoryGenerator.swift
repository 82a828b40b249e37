import Foundation
import QuillKit

/// Builds seeded histories for measuring regression attribution: a Dotprompt prompt with a model in its
/// front matter, a pinned vector-store manifest (`rag/index.yaml`, rebuilt from `data/corpus/`), an eval
/// dataset (`evals/cases.jsonl`), and unrelated files, edited over many commits; one commit (or none)
/// makes the prompt's `accuracy` fall by a given number of noise standard deviations, through a prompt
/// edit, a model change, a data change or a dataset change, on first-parent history or on a merged branch.
///
/// Every evaluated commit gets one record with 100 per-case verdicts: 70 cases pass with probability
/// 0.97, 10 with 0.03 and 20 are flaky (0.3–0.7), so the commit mean's noise σ is about 0.026. A
/// regression of kσ turns round(kσ / 0.94) reliably passing cases into reliably failing ones (for a
/// dataset change: replaces them with new, failing cases). Benign changes happen all along: prompt
/// edits, temperature changes, corpus updates with a new manifest, unrelated files.
public struct RegressionHistoryGenerator {
    /// What makes the metric fall.
    public enum Cause: String, Sendable, CaseIterable {
        case prompt, model, data, dataset
        /// Nothing: a noise-only history.
        case none
    }

    /// The kind of history to build.
    public struct Shape: Sendable {
        public var cause: Cause
        /// The size of the fall in noise standard deviations.
        public var sigmas: Double
        /// Commits on first-parent history.
        public var commits: Int
        /// Every how many first-parent commits one is evaluated (1: every commit).
        public var evaluatedEvery: Int
        /// Whether the culprit sits on a side branch merged into main.
        public var onBranch = false
        /// Whether the side branch's commits are evaluated too.
        public var branchEvaluated = false

        public init(cause: Cause, sigmas: Double, commits: Int, evaluatedEvery: Int, onBranch: Bool = false, branchEvaluated: Bool = false) {
            self.cause = cause
            self.sigmas = sigmas
            self.commits = commits
            self.evaluatedEvery = evaluatedEvery
            self.onBranch = onBranch
            self.branchEvaluated = branchEvaluated
        }

        /// A short name: cause, size, density, merge.
        public var name: String {
            let density = evaluatedEvery == 1 ? "dense" : "sparse"
            let branch = onBranch ? (branchEvaluated ? "-branch-evaluated" : "-branch") : ""
            return cause == .none ? "noise-\(density)-\(commits)" : "\(cause.rawValue)-\(Int(sigmas))sigma-\(density)\(branch)-\(commits)"
        }
    }

    /// A generated history, imported into a repository.
    public struct History {
        public let repository: TestRepository
        public let prompt = "prompts/support.prompt"
        /// The commit that caused the fall (`nil` for noise only).
        public let culprit: String?
        /// The merge that brought a branch culprit into main.
        public let merge: String?
        /// The evaluated first-parent commits, oldest first, with their accuracy.
        public let series: [(commit: String, value: Double)]
        /// How many commits the history has (branch commits included).
        public let commitCount: Int
    }

    private struct State {
        var rules: [String]
        var model = "gpt-4o"
        var temperature = 2
        var manifest: String
        var corpus: [String]
        var caseIDs: [String]
        var isBad = false
        /// The version of the unrelated `src/app.py`.
        var build = 0
    }

    private var random: SplitMix64
    private let shape: Shape
    private var output = FastImportWriter()
    private var counter = 0
    /// Each case's pass probability before the fall, and after it.
    private var good = [String: Double]()
    private var bad = [String: Double]()

    public init(shape: Shape, seed: UInt64) {
        self.shape = shape
        random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(shape.commits))
    }

    /// Builds the history in a new repository and records its evaluations with Quill.
    public mutating func generate() throws -> History {
        var state = State(rules: (1...12).map { "Rule \($0): answer from the policy." }, manifest: hex(), corpus: (1...6).map { "Document \($0).\n" }, caseIDs: (1...100).map { "case-\($0)" })
        for (offset, id) in state.caseIDs.enumerated() {
            good[id] = offset < 70 ? 0.97 : offset < 80 ? 0.03 : 0.3 + 0.4 * uniform()
        }
        bad = good
        let affected = max(1, Int((shape.sigmas * 0.026 * 100 / 0.94).rounded()))
        for id in state.caseIDs.prefix(70).shuffled(using: &random).prefix(affected) { bad[id] = 0.03 }
        let culpritIndex = shape.cause == .none ? -1 : int(Int(Double(shape.commits) * 0.35)...Int(Double(shape.commits) * 0.65))
        var tip: Int?
        var marks = [(mark: Int, state: State, firstParent: Bool)]()
        var culpritMark: Int?
        var mergeMark: Int?
        tip = commit(&state, parent: nil, merge: nil, "Start the support bot")
        marks.append((tip!, state, true))
        var index = 1
        while index < shape.commits {
            if index == culpritIndex, shape.onBranch {
                // A side branch of three commits from here, the culprit among them, merged back.
                var side = state
                var sideTip = tip
                let culpritAt = int(0...2)
                for offset in 0..<3 {
                    if offset == culpritAt {
                        cause(&side)
                    } else {
                        benignPromptEdit(&side)
                    }
                    sideTip = commit(&side, parent: sideTip, merge: nil, offset == culpritAt ? "Tune the answers" : "Polish rule wording", branch: "side")
                    marks.append((sideTip!, side, false))
                    if offset == culpritAt { culpritMark = sideTip }
                }
                var merged = side
                merged.isBad = true
                tip = commit(&merged, parent: tip, merge: sideTip, "Merge branch 'side'")
                state = merged
                mergeMark = tip
            } else if index == culpritIndex {
                cause(&state)
                tip = commit(&state, parent: tip, merge: nil, "Tune the answers")
                culpritMark = tip
            } else {
                benign(&state)
                tip = commit(&state, parent: tip, merge: nil, "Change \(index)")
            }
            marks.append((tip!, state, true))
            index += 1
        }
        let repository = try TestRepository.evaluated()
        let hexes = try repository.importMarked(output.finished())
        var evaluations = [String]()
        var series = [(commit: String, value: Double)]()
        let offset = int(0...(shape.evaluatedEvery - 1))
        var firstParentIndex = 0
        for (mark, state, firstParent) in marks {
            let evaluated = firstParent ? firstParentIndex % shape.evaluatedEvery == offset : shape.branchEvaluated
            if firstParent { firstParentIndex += 1 }
            guard evaluated else { continue }
            let (json, value) = evaluation(state, commit: hexes[mark]!)
            evaluations.append(json)
            if firstParent { series.append((hexes[mark]!, value)) }
        }
        let results = repository.path + "/.git/quill-generated-results.json"
        try Data(#"{"quill": 1, "evaluations": [\#(evaluations.joined(separator: ",\n"))]}"#.utf8).write(to: URL(fileURLWithPath: results))
        try repository.recordResults(results)
        return History(
            repository: repository, culprit: culpritMark.map { hexes[$0]! }, merge: mergeMark.map { hexes[$0]! }, series: series,
            commitCount: output.mark)
    }

    /// The change that makes the metric fall.
    private mutating func cause(_ state: inout State) {
        state.isBad = true
        switch shape.cause {
        case .prompt: state.rules.insert("Skip citations and answer from memory.", at: int(0...state.rules.count))
        case .model: state.model = "gpt-4o-mini"
        case .data:
            state.corpus[int(0...state.corpus.count - 1)] = "Outdated policy \(next()).\n"
            state.manifest = hex()
        case .dataset:
            let replaced = Set(state.caseIDs.filter { good[$0] != bad[$0] })
            state.caseIDs = state.caseIDs.map { replaced.contains($0) ? "\($0)-v2" : $0 }
        case .none: break
        }
    }

    /// An ordinary commit that does not move the metric.
    private mutating func benign(_ state: inout State) {
        switch int(0...99) {
        case 0..<25: benignPromptEdit(&state)
        case 25..<28: state.temperature = state.temperature % 5 + 1
        case 28..<31:
            state.corpus[int(0...state.corpus.count - 1)] = "Document revised \(next()).\n"
            state.manifest = hex()
        default: unrelated(&state)
        }
    }

    private mutating func benignPromptEdit(_ state: inout State) {
        state.rules[int(0...state.rules.count - 1)] = "Rule \(next()): keep the tone friendly."
    }

    private func unrelated(_ state: inout State) {
        state.build += 1
    }

    private mutating func commit(_ state: inout State, parent: Int?, merge: Int?, _ message: String, branch: String = "main") -> Int {
        let prompt = "---\nmodel: \(state.model)\nconfig:\n  temperature: 0.\(state.temperature)\n---\n{{role \"system\"}}\n"
            + state.rules.joined(separator: "\n") + "\n{{role \"user\"}}\n{{question}}\n"
        var files = [
            ("quill.yaml", "notes: false\nmetrics:\n  accuracy: {direction: higher}\n"),
            ("prompts/support.prompt", prompt),
            ("rag/index.yaml", "store: support-docs\nmanifest: \(state.manifest)\n"),
            ("evals/cases.jsonl", state.caseIDs.map { #"{"id": "\#($0)"}"# }.joined(separator: "\n") + "\n"),
            ("src/app.py", "print(\(state.build))\n"),
        ]
        files += state.corpus.enumerated().map { ("data/corpus/doc-\($0.offset + 1).md", $0.element) }
        return output.commit(branch: branch, parent: parent, merge: merge, minutesLater: int(1...30), clockSkewed: false, message: message, files: files)
    }

    /// One Quill JSON evaluation of `state` at `commit`, and its accuracy.
    private mutating func evaluation(_ state: State, commit: String) -> (String, Double) {
        let probabilities = state.isBad ? bad : good
        var passes = 0
        let cases = state.caseIDs.map { id in
            let p = id.hasSuffix("-v2") ? 0.03 : probabilities[id]!
            let pass = uniform() < p
            if pass { passes += 1 }
            return #"{"id": "\#(id)", "metrics": {"accuracy": \#(pass ? 1 : 0)}, "pass": \#(pass)}"#
        }
        let dataset = String(state.caseIDs.joined().utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }, radix: 16)
        let json = #"{"prompt": "prompts/support.prompt", "commit": "\#(commit)", "model": "\#(state.model)", "parameters": {"temperature": 0.\#(state.temperature)}, "manifest": "\#(state.manifest)", "dataset": {"name": "evals/cases.jsonl", "id": "\#(dataset)"}, "cases": [\#(cases.joined(separator: ", "))]}"#
        return (json, Double(passes) / Double(state.caseIDs.count))
    }

    private mutating func hex() -> String { (0..<5).map { _ in String(format: "%08x", UInt32(truncatingIfNeeded: random.next())) }.joined() }
    private mutating func next() -> Int { counter += 1; return counter }
    private mutating func int(_ range: ClosedRange<Int>) -> Int { random.next(in: range) }
    private mutating func uniform() -> Double { Double.random(in: 0..<1, using: &random) }
}

extension TestRepository {
    /// Imports a `git fast-import` stream, checks `main` out and returns each mark's commit id.
    func importMarked(_ stream: String) throws -> [Int: String] {
        let marks = path + "/.git/quill-generated-marks"
        try git(["fast-import", "--quiet", "--export-marks=" + marks], input: stream)
        try git("reset", "-q", "--hard", "main")
        var hexes = [Int: String]()
        for line in try String(contentsOfFile: marks, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let mark = Int(fields[0].dropFirst()) { hexes[mark] = String(fields[1]) }
        }
        return hexes
    }

    /// Records a Quill results file (each evaluation names its commit) in one write.
    func recordResults(_ file: String) throws {
        _ = try Workspace.open(from: path).recordEvaluations(RecordRequest(files: [file], allowDirty: true))
    }
}
