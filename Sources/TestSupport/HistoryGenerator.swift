import Foundation
import QuillKit

/// SplitMix64: a tiny, fast, fully deterministic generator, so a seed always builds the same history.
/// The one Quill's statistics use.
public typealias SplitMix64 = SeededGenerator

/// A generated history, ready for `git fast-import`.
public struct GeneratedHistory: Sendable {
    /// The `git fast-import` stream that builds it on `refs/heads/main`.
    public let stream: String
    /// Every prompt path any commit ever had.
    public let promptPaths: Set<String>
    /// The prompt paths in the last commit of `main`.
    public let finalPromptPaths: Set<String>
    public let commitCount: Int
    public let mergeCount: Int
    /// How many commits renamed a prompt (exactly or with a small edit).
    public let renameCount: Int
    /// How many commits started a prompt as a copy of one that stayed.
    public let copyCount: Int
    /// How many commits have a committer date older than the commit before them (a skewed clock).
    public let skewCount: Int
}

/// Builds a seeded pseudo-random history of prompt files: edits, exact renames, renames with small edits,
/// moves between folders, copies, deletions, re-additions at old paths, unrelated commits, and side
/// branches (interleaved in time with main) merged back with `--no-ff`.
///
/// Every line written is unique (a copy shares its original's lines and adds three), every prompt has
/// 10+ lines, and a rename changes at most two lines, so rename and copy detection have one clear
/// answer for git and libgit2 alike. Author dates strictly increase; a few committer dates run an
/// hour slow, as skewed clocks do, so git's date order is exercised where it is not topological.
public struct HistoryGenerator {
    private struct File {
        let identity: Int
        var lines: [String]
        var contentVersion = 0
        var pathVersion = 0
        var text: String { lines.joined(separator: "\n") + "\n" }
    }

    private struct Branch {
        let name: String
        var tip: Int?
        var prompts: [String: File]
        var others: [String: String]
    }

    private static let folders = ["prompts", "prompts/support", "prompts/sales", "prompts/archive/2023"]
    private static let names = ["greeting", "summarize", "classify", "extract", "translate", "refund", "triage", "escalate", "router", "faq"]
    private static let extensions = [".txt", ".md"]
    private static let words = [
        "answer", "politely", "customer", "refund", "policy", "ticket", "always", "never", "cite", "sources", "briefly",
        "the", "user", "asks", "about", "order", "status", "summarise", "context", "tone", "friendly", "formal", "json",
    ]
    private static let authors = [
        ("Ada Tester", "ada@example.com"), ("Bo Li", "bo@example.com"), ("Chloé Dupont", "chloe@example.fr"),
    ]
    private static let zones = ["+0000", "+0100", "-0500", "+0530"]

    private var random: SplitMix64
    private let linear: Bool
    private let steps: Int
    private var stream = ""
    private var mark = 0
    private var clock = 1_700_000_000
    private var lineCounter = 0
    private var identityCounter = 0
    private var branchCounter = 0
    private var allPaths = Set<String>()
    private var deletedPaths = [String]()
    private var merges = 0
    private var renames = 0
    private var copies = 0
    private var skews = 0

    /// A generator for `steps` operations on main (a side branch's commits come on top), deterministic in `seed`.
    public init(seed: UInt64, steps: Int = 80, linear: Bool = false) {
        random = SplitMix64(seed: seed)
        self.linear = linear
        self.steps = steps
    }

    /// Generates the whole history.
    public mutating func generate() -> GeneratedHistory {
        var main = Branch(name: "main", tip: nil, prompts: [:], others: ["README.md": "# Project\n"])
        for _ in 0..<5 { addPrompt(to: &main, allowReuse: false) }
        commit(&main, message: "initial prompts")
        var step = 0
        while step < steps {
            step += 1
            if !linear, main.prompts.count >= 3, chance(12) {
                step += runSideBranch(from: &main)
            } else {
                randomOperation(on: &main)
            }
        }
        return GeneratedHistory(
            stream: stream + "done\n", promptPaths: allPaths, finalPromptPaths: Set(main.prompts.keys),
            commitCount: mark, mergeCount: merges, renameCount: renames, copyCount: copies, skewCount: skews)
    }

    // MARK: - Branches

    /// Forks a side branch, interleaves commits on it and on main, and merges it back; returns main's steps used.
    private mutating func runSideBranch(from main: inout Branch) -> Int {
        branchCounter += 1
        var side = Branch(name: "side-\(branchCounter)", tip: main.tip, prompts: main.prompts, others: main.others)
        let base = Set(main.prompts.values.map(\.identity))
        var sideCommits = int(2...6)
        var mainCommits = int(0...4)
        // Often rename on the side branch a prompt that main then edits under its old name.
        if chance(60), let path = pick(side.prompts.keys) {
            renamePrompt(path, on: &side, withEdit: chance(50))
            sideCommits -= 1
            if mainCommits > 0, main.prompts[path] != nil {
                modify(path, on: &main)
                commit(&main, message: "edit \(path) on main while renamed on \(side.name)")
                mainCommits -= 1
            }
        }
        while sideCommits > 0 || mainCommits > 0 {
            if sideCommits > 0, mainCommits == 0 || chance(50) {
                randomOperation(on: &side)
                sideCommits -= 1
            } else {
                randomOperation(on: &main)
                mainCommits -= 1
            }
        }
        merge(side, into: &main, base: base)
        return 3
    }

    /// A merge commit whose tree takes, per prompt identity, the newer path and the newer content.
    private mutating func merge(_ side: Branch, into main: inout Branch, base: Set<Int>) {
        var byIdentity = [Int: (String, File)]()
        for (path, file) in main.prompts where side.prompts.values.contains(where: { $0.identity == file.identity }) || !base.contains(file.identity) {
            byIdentity[file.identity] = (path, file)
        }
        for (path, file) in side.prompts {
            if let (mainPath, mainFile) = byIdentity[file.identity] {
                let newPath = file.pathVersion > mainFile.pathVersion ? path : mainPath
                var merged = file.contentVersion > mainFile.contentVersion ? file : mainFile
                merged.pathVersion = max(file.pathVersion, mainFile.pathVersion)
                merged.contentVersion = max(file.contentVersion, mainFile.contentVersion)
                byIdentity[file.identity] = (newPath, merged)
            } else if !base.contains(file.identity) {
                byIdentity[file.identity] = (path, file)
            }
        }
        var prompts = [String: File]()
        for identity in byIdentity.keys.sorted() {
            let (path, file) = byIdentity[identity]!
            if prompts[path] == nil { prompts[path] = file }
        }
        main.prompts = prompts
        main.others.merge(side.others) { $1 }
        merges += 1
        commit(&main, message: "Merge branch '\(side.name)'", merge: side.tip)
    }

    // MARK: - Operations

    private mutating func randomOperation(on branch: inout Branch) {
        let roll = int(0...99)
        let paths = branch.prompts.keys.sorted()
        switch roll {
        case 0..<38 where !paths.isEmpty:
            let path = paths[int(0...paths.count - 1)]
            modify(path, on: &branch)
            commit(&branch, message: messageFor("edit \(path)"))
        case 38..<50:
            let file = ["README.md", "src/app.py", "docs/guide.md"][int(0...2)]
            branch.others[file, default: ""] += "note \(nextLine())\n"
            commit(&branch, message: "update \(file)")
        case 50..<60 where !paths.isEmpty:
            renamePrompt(paths[int(0...paths.count - 1)], on: &branch, withEdit: false)
        case 60..<70 where !paths.isEmpty:
            renamePrompt(paths[int(0...paths.count - 1)], on: &branch, withEdit: true)
        case 70..<77 where paths.count > 3:
            let path = paths[int(0...paths.count - 1)]
            branch.prompts[path] = nil
            deletedPaths.append(path)
            commit(&branch, message: "delete \(path)")
        case 77..<86:
            let path = addPrompt(to: &branch, allowReuse: true)
            commit(&branch, message: "add \(path)")
        case 86..<90 where !paths.isEmpty:
            copyPrompt(paths[int(0...paths.count - 1)], on: &branch)
        case 90..<96 where paths.count >= 2:
            let first = paths[int(0...paths.count - 1)]
            let second = paths.filter { $0 != first }[int(0...paths.count - 2)]
            modify(first, on: &branch)
            modify(second, on: &branch)
            commit(&branch, message: "edit \(first) and \(second)")
        default:
            if let path = paths.first {
                modify(path, on: &branch)
                branch.others["src/app.py", default: ""] += "call \(nextLine())\n"
                commit(&branch, message: "edit \(path) with code")
            } else {
                let path = addPrompt(to: &branch, allowReuse: true)
                commit(&branch, message: "add \(path)")
            }
        }
    }

    /// Replaces, inserts or removes one line, keeping the prompt at 10+ lines.
    private mutating func modify(_ path: String, on branch: inout Branch) {
        guard var file = branch.prompts[path] else { return }
        let position = int(0...file.lines.count - 1)
        switch int(0...2) {
        case 0: file.lines[position] = nextLine(file.identity)
        case 1: file.lines.insert(nextLine(file.identity), at: position)
        default:
            if file.lines.count > 12 { file.lines.remove(at: position) } else { file.lines.append(nextLine(file.identity)) }
        }
        file.contentVersion += 1
        branch.prompts[path] = file
    }

    /// Moves a prompt to a fresh path (same folder or another), optionally changing one or two lines.
    private mutating func renamePrompt(_ path: String, on branch: inout Branch, withEdit: Bool) {
        guard var file = branch.prompts.removeValue(forKey: path) else { return }
        let newPath = freshPath(avoiding: branch)
        if withEdit {
            for _ in 0..<int(1...2) { file.lines[int(0...file.lines.count - 1)] = nextLine(file.identity) }
            file.contentVersion += 1
        }
        file.pathVersion += 1
        branch.prompts[newPath] = file
        allPaths.insert(newPath)
        renames += 1
        commit(&branch, message: messageFor("\(withEdit ? "rename and edit" : "rename") \(path) to \(newPath)"))
    }

    /// Copies a prompt to a fresh path, appending three lines so the copy is never the best rename source later.
    private mutating func copyPrompt(_ path: String, on branch: inout Branch) {
        guard let original = branch.prompts[path] else { return }
        let newPath = freshPath(avoiding: branch)
        identityCounter += 1
        let identity = identityCounter
        let lines = original.lines + (0..<3).map { _ in nextLine(identity) }
        branch.prompts[newPath] = File(identity: identity, lines: lines)
        allPaths.insert(newPath)
        copies += 1
        commit(&branch, message: "copy \(path) to \(newPath)")
    }

    /// Adds a prompt with fresh lines, at a deleted path now and then (a re-addition); returns its path.
    @discardableResult
    private mutating func addPrompt(to branch: inout Branch, allowReuse: Bool) -> String {
        let reusable = deletedPaths.filter { branch.prompts[$0] == nil }
        let path = allowReuse && !reusable.isEmpty && chance(50) ? reusable[int(0...reusable.count - 1)] : freshPath(avoiding: branch)
        identityCounter += 1
        let identity = identityCounter
        let lines = (0..<int(10...16)).map { _ in nextLine(identity) }
        branch.prompts[path] = File(identity: identity, lines: lines)
        allPaths.insert(path)
        return path
    }

    private mutating func freshPath(avoiding branch: Branch) -> String {
        while true {
            let folder = Self.folders[int(0...Self.folders.count - 1)]
            let name = Self.names[int(0...Self.names.count - 1)]
            let suffix = chance(30) ? "-v\(int(2...9))" : ""
            let path = "\(folder)/\(name)\(suffix)\(Self.extensions[int(0...1)])"
            if branch.prompts[path] == nil, !allPaths.contains(path) || chance(20) { return path }
        }
    }

    // MARK: - Output

    private mutating func commit(_ branch: inout Branch, message: String, merge: Int? = nil) {
        mark += 1
        clock += 60 + int(0...600)
        let (name, email) = Self.authors[int(0...Self.authors.count - 1)]
        let zone = Self.zones[int(0...Self.zones.count - 1)]
        stream += "commit refs/heads/\(branch.name)\nmark :\(mark)\n"
        stream += "author \(name) <\(email)> \(clock) \(zone)\n"
        // Now and then a committer clock runs an hour slow, so a child is dated before its parent.
        let skewed = mark > 1 && chance(4)
        if skewed { skews += 1 }
        stream += "committer \(TestEnvironment.authorName) <\(TestEnvironment.authorEmail)> \(skewed ? clock - 3600 : clock) +0000\n"
        stream += data(message)
        if let tip = branch.tip { stream += "from :\(tip)\n" }
        if let merge { stream += "merge :\(merge)\n" }
        stream += "deleteall\n"
        for (path, file) in branch.prompts.sorted(by: { $0.key < $1.key }) {
            stream += "M 100644 inline \(path)\n" + data(file.text)
        }
        for (path, text) in branch.others.sorted(by: { $0.key < $1.key }) {
            stream += "M 100644 inline \(path)\n" + data(text)
        }
        stream += "\n"
        branch.tip = mark
    }

    private func data(_ text: String) -> String {
        "data \(text.utf8.count)\n\(text)\n"
    }

    /// A subject, now and then wrapped over two lines with a body (git joins the wrapped subject with a space).
    private mutating func messageFor(_ subject: String) -> String {
        chance(10) ? "\(subject)\nwrapped onto a second line\n\nA body paragraph.\n" : subject + "\n"
    }

    /// A line found nowhere else in the history.
    private mutating func nextLine(_ identity: Int = 0) -> String {
        lineCounter += 1
        let phrase = (0..<int(4...8)).map { _ in Self.words[int(0...Self.words.count - 1)] }.joined(separator: " ")
        return "[\(identity).\(lineCounter)] \(phrase)"
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &random)
    }

    private mutating func chance(_ percent: Int) -> Bool {
        int(0...99) < percent
    }

    private mutating func pick(_ keys: Dictionary<String, File>.Keys) -> String? {
        let sorted = keys.sorted()
        return sorted.isEmpty ? nil : sorted[int(0...sorted.count - 1)]
    }
}

extension TestRepository {
    /// Builds `history` with `git fast-import` and checks `main` out.
    public func importHistory(_ history: GeneratedHistory) throws {
        try importStream(history.stream)
    }
}
