import Foundation

/// Builds a seeded history for checking line blame against `git blame`: a few prompts edited line
/// by line over hundreds of commits, with inserted, deleted and moved blocks, whitespace-only edits,
/// repeated lines (blank lines, closing tags) that make a diff's choices matter, indented blocks for
/// the indent heuristic, renames (exact and with an edit), copies, a deletion and re-addition, edits
/// of other files only, and side branches merged back with either side's version or a mix of both.
public struct BlameHistoryGenerator {
    /// A generated history, ready for `TestRepository.importStream`.
    public struct Output: Sendable {
        public let stream: String
        /// The prompt paths in the last commit of `main`.
        public let finalPaths: [String]
        public let commitCount: Int
        public let mergeCount: Int
        public let renameCount: Int
    }

    private struct Branch {
        let name: String
        var tip: Int?
        /// Prompt identity → (path, lines).
        var prompts: [Int: (path: String, lines: [String])]
        var readme: String
    }

    private static let repeated = ["", "{{/if}}", "---", "  - be brief", "}", "Rules:", "    {{else}}"]
    private static let words = ["answer", "cite", "sources", "refund", "policy", "tone", "friendly", "json", "order", "status", "user", "never", "always"]

    private var random: SplitMix64
    private let commits: Int
    private var output = FastImportWriter()
    private var lineCounter = 0
    private var usedPaths = Set<String>()
    private var merges = 0
    private var renames = 0

    /// A generator for about `commits` commits (at least that many), deterministic in `seed`.
    public init(seed: UInt64, commits: Int = 500) {
        random = SplitMix64(seed: seed)
        self.commits = commits
    }

    /// Generates the whole history on `refs/heads/main`.
    public mutating func generate() -> Output {
        var main = Branch(name: "main", tip: nil, prompts: [:], readme: "# Project\n")
        for identity in 0..<3 { main.prompts[identity] = (freshPath(), (0..<int(12...30)).map { _ in line() }) }
        commit(&main, "initial prompts")
        while output.mark < commits {
            if chance(6) {
                sideBranch(from: &main)
            } else {
                operate(on: &main)
            }
        }
        return Output(
            stream: output.finished(), finalPaths: main.prompts.values.map(\.path).sorted(), commitCount: output.mark,
            mergeCount: merges, renameCount: renames)
    }

    /// A side branch of 2–5 commits, interleaved with 0–3 on main, merged back with `--no-ff`.
    private mutating func sideBranch(from main: inout Branch) {
        var side = Branch(name: "side-\(output.mark)", tip: main.tip, prompts: main.prompts, readme: main.readme)
        var sideCommits = int(2...5)
        var mainCommits = int(0...3)
        while sideCommits + mainCommits > 0 {
            if sideCommits > 0, mainCommits == 0 || chance(50) {
                edit(on: &side)
                sideCommits -= 1
            } else {
                edit(on: &main)
                mainCommits -= 1
            }
        }
        for (identity, theirs) in side.prompts.sorted(by: { $0.key < $1.key }) {
            guard let ours = main.prompts[identity] else { continue }
            let path = chance(50) ? ours.path : theirs.path
            switch int(0...3) {
            case 0: main.prompts[identity] = (path, theirs.lines)
            case 1: main.prompts[identity] = (path, ours.lines)
            default:
                // A resolution taking our head and their tail, now and then with a line of its own.
                let cut = int(0...min(ours.lines.count, theirs.lines.count))
                var lines = Array(ours.lines[..<cut]) + Array(theirs.lines[min(cut, theirs.lines.count)...])
                if chance(30) { lines.insert(line(), at: int(0...lines.count)) }
                if lines.isEmpty { lines = [line()] }
                main.prompts[identity] = (path, lines)
            }
        }
        merges += 1
        commit(&main, "Merge branch '\(side.name)'", merge: side.tip)
    }

    /// One ordinary commit: usually an edit of one or two prompts, sometimes a rename, copy or other file.
    private mutating func operate(on branch: inout Branch) {
        switch int(0...99) {
        case 0..<4:
            branch.readme += "note \(line())\n"
            commit(&branch, "update README.md")
        case 4..<8:
            let identity = pickIdentity(branch)
            var prompt = branch.prompts[identity]!
            prompt.path = freshPath()
            if chance(50) { prompt.lines[int(0...prompt.lines.count - 1)] = line() }
            branch.prompts[identity] = prompt
            renames += 1
            commit(&branch, "rename to \(prompt.path)")
        case 8..<10:
            let original = branch.prompts[pickIdentity(branch)]!
            let identity = (branch.prompts.keys.max() ?? 0) + 1
            branch.prompts[identity] = (freshPath(), original.lines + [line(), line(), line()])
            commit(&branch, "copy \(original.path)")
        case 10..<11 where branch.prompts.count > 2:
            // Delete a prompt, then add new content at the same path in the next commit.
            let identity = pickIdentity(branch)
            let removed = branch.prompts.removeValue(forKey: identity)!
            commit(&branch, "delete \(removed.path)")
            branch.prompts[identity] = (removed.path, Array(removed.lines.prefix(4)) + (0..<int(5...12)).map { _ in line() })
            commit(&branch, "re-add \(removed.path)")
        default:
            edit(on: &branch)
        }
    }

    /// One commit that edits one or two prompts.
    private mutating func edit(on branch: inout Branch) {
        for _ in 0..<(chance(25) ? 2 : 1) {
            let identity = pickIdentity(branch)
            var lines = branch.prompts[identity]!.lines
            for _ in 0..<int(1...3) { change(&lines) }
            if lines.isEmpty { lines = [line()] }
            branch.prompts[identity]!.lines = lines
        }
        commit(&branch, "edit prompts")
    }

    /// One line-level change: replace, insert a block, delete a block, move a block, or re-indent.
    private mutating func change(_ lines: inout [String]) {
        let position = int(0...max(0, lines.count - 1))
        switch int(0...9) {
        case 0...1 where !lines.isEmpty:
            lines[position] = line()
        case 2, 3:
            let block = (0..<int(1...5)).map { _ in line() }
            lines.insert(contentsOf: block, at: int(0...lines.count))
        case 4 where lines.count > 8:
            lines.removeSubrange(position..<min(lines.count, position + int(1...6)))
        case 5 where lines.count > 4:
            let length = int(1...min(6, lines.count - 1))
            let start = int(0...lines.count - length)
            let block = Array(lines[start..<(start + length)])
            lines.removeSubrange(start..<(start + length))
            lines.insert(contentsOf: block, at: int(0...lines.count))
        case 6 where !lines.isEmpty:
            // Whitespace only: indentation or trailing blanks.
            lines[position] = chance(50) ? "  " + lines[position] : lines[position] + " "
        case 7:
            // An indented block with repeated framing lines, where the indent heuristic matters.
            let block = ["{{#if context}}", "  " + line(), "  " + line(), "{{/if}}", ""]
            lines.insert(contentsOf: block, at: int(0...lines.count))
        default:
            lines.insert(Self.repeated[int(0...Self.repeated.count - 1)], at: int(0...lines.count))
        }
    }

    private mutating func commit(_ branch: inout Branch, _ message: String, merge: Int? = nil) {
        var files = branch.prompts.values.sorted(by: { $0.path < $1.path }).map { prompt in
            // Now and then a prompt's last line has no newline.
            (prompt.path, prompt.lines.joined(separator: "\n") + (prompt.lines.count % 7 == 3 ? "" : "\n"))
        }
        files.append(("README.md", branch.readme))
        let skewed = output.mark > 0 && chance(3)
        branch.tip = output.commit(
            branch: branch.name, parent: branch.tip, merge: merge, minutesLater: int(1...10), clockSkewed: skewed, message: message, files: files)
    }

    private mutating func pickIdentity(_ branch: Branch) -> Int {
        let keys = branch.prompts.keys.sorted()
        return keys[int(0...keys.count - 1)]
    }

    private mutating func freshPath() -> String {
        while true {
            let path = ["prompts", "prompts/support", "prompts/archive"][int(0...2)] + "/p\(int(1...99)).md"
            if usedPaths.insert(path).inserted { return path }
        }
    }

    /// A line, unique or (one time in five) one of a few that repeat everywhere.
    private mutating func line() -> String {
        if chance(20) { return Self.repeated[int(0...Self.repeated.count - 1)] }
        lineCounter += 1
        let phrase = (0..<int(3...7)).map { _ in Self.words[int(0...Self.words.count - 1)] }.joined(separator: " ")
        return "\(phrase) #\(lineCounter)"
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int { random.next(in: range) }

    private mutating func chance(_ percent: Int) -> Bool { random.next(in: 0...99) < percent }
}

extension SplitMix64 {
    /// A number drawn uniformly from `range`.
    mutating func next(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}

extension TestRepository {
    /// Builds a `git fast-import` stream and checks `main` out.
    public func importStream(_ stream: String) throws {
        try git(["fast-import", "--quiet"], input: stream)
        try git("reset", "-q", "--hard", "main")
    }
}
