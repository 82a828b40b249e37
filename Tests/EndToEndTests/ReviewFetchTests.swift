import Foundation
import TestSupport
import Testing

/// `quill review` in a CI checkout that has fetched nothing but the pull request's commit: a `git clone
/// --depth 1 --single-branch --branch feature` over `git://`, whose `main` moved 70 commits on since the
/// branch point (so the first depth-64 fetch of `main` misses the merge base and review deepens).
@Suite("quill review fetches what a CI checkout lacks")
struct ReviewFetchTests {
    /// origin: `main` with gates and both prompts scored, `feature` that changes both and has records for
    /// `support` only (a regression) — `greeting` is not evaluated on the head, the normal case.
    private static func origin() throws -> PullRequestOrigin {
        let origin = try PullRequestOrigin()
        let developer = origin.developer
        try developer.write("quill.yaml", TestRepository.gatedConfig)
        try developer.write("prompts/support.txt", "Answer the customer's question.\nCite the policy.\n")
        try developer.write("prompts/greeting.txt", "Greet the customer.\n")
        let base = try developer.commitAll("prompts")
        try developer.recordCases((0..<20).map { $0 < 19 }, prompt: "prompts/support.txt", commit: base)
        try developer.recordCases((0..<20).map { $0 < 15 }, prompt: "prompts/greeting.txt", commit: base)
        try developer.git("checkout", "-q", "-b", "feature")
        try developer.write("prompts/support.txt", "Answer the customer's question.\nSkip citations.\n")
        try developer.write("prompts/greeting.txt", "Greet the customer by name.\n")
        let head = try developer.commitAll("shorter answers")
        try developer.recordCases((0..<20).map { $0 < 12 }, prompt: "prompts/support.txt", commit: head)
        try developer.git("checkout", "-q", "main")
        try origin.addCommits(70)
        try developer.git("push", "-q", "origin", "main", "feature")
        #expect(try QuillBinary.run(["sync"], in: developer.path).status == 0)
        return origin
    }

    /// The origin and a CI checkout of it: `git clone --depth 1 --single-branch --branch feature` (the
    /// folder holding it, kept alive, and the work tree's path).
    private static func ciCheckout() throws -> (origin: PullRequestOrigin, folder: TemporaryFolder, path: String) {
        let origin = try origin()
        let folder = try origin.clone(["--depth", "1", "--single-branch", "--branch", "feature"])
        return (origin, folder, folder.path + "/work")
    }

    /// `quill review origin/main --format json` in a full clone of the pull request: the oracle.
    private static func fullCloneReview(_ origin: PullRequestOrigin) throws -> ProcessResult {
        let full = try origin.clone(["--branch", "feature"])
        return try QuillBinary.run(["review", "origin/main", "--format", "json"], in: full.path + "/work")
    }

    /// The report as JSON, without what was fetched (the one part a full clone's differs in).
    private static func reportWithoutFetched(_ json: String) throws -> NSDictionary {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return object.filter { $0.key != "fetched" } as NSDictionary
    }

    /// `for-each-ref` as a dictionary, name to target.
    private static func refMap(_ path: String) throws -> [String: String] {
        let text = try PullRequestOrigin.refs(path)
        let lines = text[..<text.range(of: "shallow:\n")!.lowerBound].split(separator: "\n")
        return Dictionary(uniqueKeysWithValues: lines.map { line in
            let parts = line.split(separator: " ")
            return (String(parts[0]), String(parts[1]))
        })
    }

    @Test("a --depth 1 single-branch clone fetches main, deepens to the merge base and fetches the records: the same report and exit status as a full clone; only the fetched refs change")
    func fetchesLikeAFullClone() throws {
        let (origin, checkout, ci) = try Self.ciCheckout()
        defer { withExtendedLifetime(checkout) {} }
        let before = try Self.refMap(ci)
        let result = try QuillBinary.run(["review", "origin/main", "--format", "json"], in: ci)
        #expect(result.status == 1, "\(result.stderr)")
        let expected = try Self.fullCloneReview(origin)
        #expect(expected.status == 1, "\(expected.stderr)")
        #expect(try Self.reportWithoutFetched(result.stdout) == Self.reportWithoutFetched(expected.stdout))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let fetched = try #require(report["fetched"] as? [String])
        #expect(fetched.first == "'main' from 'origin'")
        #expect(fetched.contains("64 more commits of history from 'origin'"))
        #expect(fetched.last?.hasPrefix("'refs/quill/evals'") == true)
        #expect(result.stderr.contains("note: fetched 'main' from 'origin'\n"))
        // The report with `fetched` holds to its published schema.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let output = checkout.path + "/review.json"
        try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: output))
        let validation = try ProcessRunner.run("/usr/bin/env", ["python3", root + "/scripts/check-json-schemas.py", root + "/docs/schemas", output])
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        // support regressed (the gate); greeting has no records on the head, the normal case.
        let prompts = try #require(report["prompts"] as? [[String: Any]])
        let missing = prompts.map { "\(($0["diff"] as? [String: Any])?["path"] ?? "") \(($0["missing"] as? [String: Any])?["side"] ?? "-")" }
        #expect(missing == ["prompts/greeting.txt head", "prompts/support.txt -"])
        #expect((report["gate"] as? [String: Any])?["regressions"] as? Int == 1)
        // Refs: every ref the clone had is where it was; the new ones are the fetched ones.
        let after = try Self.refMap(ci)
        for (name, target) in before { #expect(after[name] == target, "\(name) moved") }
        let added = Set(after.keys).subtracting(before.keys)
        #expect(added.contains("refs/remotes/origin/main") && added.contains("refs/quill/evals"))
        for name in added {
            #expect(["refs/remotes/origin/main", "refs/quill/", "refs/notes/quill", "refs/quill-remotes/origin/"].contains { name.hasPrefix($0) }, "\(name)")
        }
        #expect(try ProcessRunner.run(TestEnvironment.gitPath, ["fsck", "--connectivity-only"], in: ci, environment: TestEnvironment.variables()).status == 0)
        // Everything is here now: a second review fetches nothing and says the same.
        let again = try QuillBinary.run(["review", "origin/main", "--format", "json", "--no-fetch"], in: ci)
        #expect(again.status == 1 && !again.stdout.contains("\"fetched\""), "\(again.stderr)")
        #expect(try Self.reportWithoutFetched(again.stdout) == Self.reportWithoutFetched(expected.stdout))
    }

    @Test("without BASE, a single-branch clone (no origin/HEAD) asks origin for its default branch and reviews against it as a full clone does")
    func defaultBranchFromTheRemote() throws {
        let (origin, checkout, ci) = try Self.ciCheckout()
        defer { withExtendedLifetime(checkout) {} }
        #expect(try ProcessRunner.run(TestEnvironment.gitPath, ["rev-parse", "-q", "--verify", "origin/HEAD"], in: ci, environment: TestEnvironment.variables()).status != 0)
        let result = try QuillBinary.run(["review", "--format", "json"], in: ci)
        #expect(result.status == 1, "\(result.stderr)")
        let full = try origin.clone(["--branch", "feature"])
        let expected = try QuillBinary.run(["review", "--format", "json"], in: full.path + "/work")
        #expect(expected.status == 1, "\(expected.stderr)")
        #expect(try Self.reportWithoutFetched(result.stdout) == Self.reportWithoutFetched(expected.stdout))
        #expect(result.stdout.contains("\"label\" : \"origin/main\""))
    }

    @Test("--no-fetch exits 2 with one line naming the fetch; each named command, run as written, brings what was missing")
    func noFetchNamesTheCommand() throws {
        let (origin, checkout, ci) = try Self.ciCheckout()
        defer { withExtendedLifetime(checkout) {} }
        let pristine = try PullRequestOrigin.refs(ci)
        var hints = [String]()
        for _ in 0..<3 {
            let result = try QuillBinary.run(["review", "origin/main", "--no-fetch"], in: ci)
            #expect(result.status == 2 && result.stdout.isEmpty, "\(result.stdout)\(result.stderr)")
            let line = result.stderr.trimmingCharacters(in: .newlines)
            #expect(!line.contains("\n") && line.hasSuffix(", or review without --no-fetch"), "\(line)")
            if hints.isEmpty { #expect(try PullRequestOrigin.refs(ci) == pristine) }
            let command = try #require(line.range(of: "run '").map { line[$0.upperBound...] }?.range(of: "', or review").map { line[line.range(of: "run '")!.upperBound..<$0.lowerBound] })
            hints.append(String(command))
            let ran = try ProcessRunner.run("/bin/sh", ["-c", String(command)], in: ci, environment: TestEnvironment.variables())
            #expect(ran.status == 0, "\(command): \(ran.stderr)")
        }
        #expect(hints[0] == "git fetch --depth=64 origin +refs/heads/main:refs/remotes/origin/main")
        #expect(hints[1].hasPrefix("git fetch --deepen=2048 origin "))
        #expect(hints[2] == "git fetch origin 'refs/quill/*:refs/quill/*' 'refs/notes/quill:refs/notes/quill'")
        let result = try QuillBinary.run(["review", "origin/main", "--no-fetch", "--format", "json"], in: ci)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(try Self.reportWithoutFetched(result.stdout) == Self.reportWithoutFetched(Self.fullCloneReview(origin).stdout))
    }

    @Test("a remote that cannot be reached while fetching: exit 3, one line, nothing changed")
    func unreachableRemote() throws {
        let (origin, checkout, ci) = try Self.ciCheckout()
        defer { withExtendedLifetime(checkout) {} }
        let full = try origin.clone(["--branch", "feature"])
        origin.daemon.stop()
        for (folder, what) in [(ci, "'main'"), (full.path + "/work", "the eval records")] {
            let before = try PullRequestOrigin.refs(folder)
            let result = try QuillBinary.run(["review", "origin/main"], in: folder)
            #expect(result.status == 3 && result.stdout.isEmpty, "\(result.stdout)\(result.stderr)")
            let line = result.stderr.trimmingCharacters(in: .newlines)
            #expect(line.hasPrefix("error: cannot fetch \(what) from 'origin': ") && !line.contains("\n"), "\(line)")
            #expect(try PullRequestOrigin.refs(folder) == before)
        }
    }

    @Test("an ssh remote is fetched with ssh in batch mode (never a question that hangs CI) unless GIT_SSH_COMMAND or core.sshCommand names the command")
    func sshBatchMode() throws {
        let (origin, checkout, ci) = try Self.ciCheckout()
        defer { withExtendedLifetime((origin, checkout)) {} }
        let git = { (arguments: [String]) throws in
            _ = try ProcessRunner.run("/usr/bin/git", arguments, in: ci, environment: TestEnvironment.variables(date: nil, extra: [:]))
        }
        try git(["remote", "set-url", "origin", "ssh://git.invalid/prompts.git"])
        // A fake ssh first on PATH: it writes down how git called it and fails as an unreachable host does.
        let bin = try TemporaryFolder()
        let calls = bin.path + "/calls"
        try "#!/bin/sh\necho \"$0 $*\" >> \(calls)\nexit 255\n".write(toFile: bin.path + "/ssh", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.path + "/ssh")
        let path = ["PATH": bin.path + ":/usr/bin:/bin"]
        let cases: [(String, [String: String], Bool)] = [
            ("default", path, true),
            ("GIT_SSH_COMMAND", path.merging(["GIT_SSH_COMMAND": "ssh -o User=ci"]) { $1 }, false),
        ]
        for (name, environment, batch) in cases {
            try? FileManager.default.removeItem(atPath: calls)
            let result = try QuillBinary.run(["review", "origin/main"], in: ci, extra: environment)
            #expect(result.status == 3, "\(name): \(result.stderr)")
            let called = (try? String(contentsOfFile: calls, encoding: .utf8)) ?? ""
            #expect(called.contains("git.invalid") && called.contains("BatchMode=yes") == batch, "\(name): \(called)")
        }
        try git(["config", "core.sshCommand", "ssh -o User=configured"])
        try? FileManager.default.removeItem(atPath: calls)
        #expect(try QuillBinary.run(["review", "origin/main"], in: ci, extra: path).status == 3)
        let configured = (try? String(contentsOfFile: calls, encoding: .utf8)) ?? ""
        #expect(configured.contains("User=configured") && !configured.contains("BatchMode"), "\(configured)")
    }

    @Test("without the merge base after deepening by 2048 commits: exit 2 naming the bound and 'git fetch --unshallow origin', which, run as written, lets review through")
    func deepeningBound() throws {
        let origin = try PullRequestOrigin()
        let developer = origin.developer
        try developer.write("prompts/support.txt", "Answer the customer's question.\n")
        try developer.commitAll("prompt")
        try developer.git("checkout", "-q", "-b", "feature")
        try developer.write("prompts/support.txt", "Answer the customer's question briefly.\n")
        try developer.commitAll("shorter")
        try developer.git("checkout", "-q", "main")
        try origin.addCommits(2_200)
        try developer.git("push", "-q", "origin", "main", "feature")
        let checkout = try origin.clone(["--depth", "1", "--single-branch", "--branch", "feature"])
        let ci = checkout.path + "/work"
        let result = try QuillBinary.run(["review", "origin/main"], in: ci)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr == "error: 'origin/main' and 'HEAD' have no common ancestor even with this shallow clone deepened by 2048 commits from 'origin' (the most review deepens); run 'git fetch --unshallow origin' and retry\n")
        #expect(try ProcessRunner.run(TestEnvironment.gitPath, ["fetch", "-q", "--unshallow", "origin"], in: ci, environment: TestEnvironment.variables()).status == 0)
        let after = try QuillBinary.run(["review", "origin/main", "--format", "json"], in: ci)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.contains("\"notEvaluated\" : 1"))
    }

    @Test("a remote with no records at all: the shallow clone's review fetches none and reports the prompt not evaluated")
    func remoteWithoutRecords() throws {
        let origin = try PullRequestOrigin()
        try origin.developer.write("prompts/support.txt", "Answer.\n")
        try origin.developer.commitAll("prompt")
        try origin.developer.git("checkout", "-q", "-b", "feature")
        try origin.developer.write("prompts/support.txt", "Answer briefly.\n")
        try origin.developer.commitAll("shorter")
        try origin.developer.git("push", "-q", "origin", "main", "feature")
        let checkout = try origin.clone(["--depth", "1", "--single-branch", "--branch", "feature"])
        let result = try QuillBinary.run(["review", "origin/main", "--format", "json"], in: checkout.path + "/work")
        #expect(result.status == 0, "\(result.stderr)")
        // The merge base is the head's parent, beyond the depth-1 boundary: one deepening, then no records to fetch.
        #expect(result.stderr == "note: fetched 'main' from 'origin'\nnote: fetched 64 more commits of history from 'origin'\n")
        #expect(result.stdout.contains("\"notEvaluated\" : 1"))
    }

    @Test("a BASE branch the remote does not have, or one shaped like an option, is bad input and fetches nothing")
    func missingOrHostileBranch() throws {
        let (origin, checkout, ci) = try Self.ciCheckout()
        defer { withExtendedLifetime((origin, checkout)) {} }
        let before = try PullRequestOrigin.refs(ci)
        for base in ["origin/release", "origin/--upload-pack=touch${IFS}pwned", "origin/-oops"] {
            let result = try QuillBinary.run(["review", base], in: ci)
            #expect(result.status == 2, "\(base): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        #expect(try QuillBinary.run(["review", "origin/release"], in: ci).stderr.contains("'origin' has no branch 'release'"))
        #expect(!FileManager.default.fileExists(atPath: ci + "/pwned"))
        #expect(try PullRequestOrigin.refs(ci) == before)
    }
}
