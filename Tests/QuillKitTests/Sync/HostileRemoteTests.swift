import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

@Suite("quill sync with a hostile remote")
struct HostileRemoteTests {
    /// A way to break one of the remote's Quill refs; returns the ref and the path the refusal names, if any.
    enum Corruption: String, CaseIterable {
        case labelsAtBlob, notesAtTree, evalsWithStrayFile, evalsWithDotDot, labelsWithSymlink, labelsWithBadValue, evalsAtTag
        case evalsWithFlatSummary, evalsWithLyingSummary, evalsWithSummaryMissingALine, evalsWithProvenanceOutOfSummary

        func apply(to remote: TestRepository) throws -> (reference: String, problem: String) {
            let evals = try remote.git("rev-parse", "refs/quill/evals")
            let evalsTree = try remote.git("rev-parse", "refs/quill/evals^{tree}")
            let blob = try remote.writeBlob("not a store\n")
            let listing = try remote.git("ls-tree", "refs/quill/evals")
            switch self {
            case .labelsAtBlob:
                try remote.git("update-ref", "refs/quill/labels", blob)
                return ("refs/quill/labels", "pointing at a blob, not a commit")
            case .notesAtTree:
                try remote.git("update-ref", "refs/notes/quill", evalsTree)
                return ("refs/notes/quill", "pointing at a tree, not a commit")
            case .evalsAtTag:
                try remote.git("tag", "-a", "-m", "a tag", "hostile", evals)
                try remote.git("update-ref", "refs/quill/evals", try remote.git("rev-parse", "refs/tags/hostile"))
                return ("refs/quill/evals", "pointing at a tag, not a commit")
            case .evalsWithStrayFile:
                let tree = try remote.git(["mktree"], input: listing + "\n100644 blob \(blob)\tevil.txt\n")
                let commit = try remote.git("commit-tree", tree, "-p", evals, "-m", "stray file")
                try remote.git("update-ref", "refs/quill/evals", commit)
                return ("refs/quill/evals", "whose tree is not Quill's layout for it: 'evil.txt' has no place there")
            case .evalsWithFlatSummary:
                // A score summary one fan-out level deep (`scores/ab/cdef….jsonl`): layout 3 has two.
                let name = String(repeating: "cd", count: 19) + ".jsonl"
                let scores = try remote.writeRawTree([.init("40000", "ab", try remote.writeRawTree([.init("100644", name, blob)]))])
                let kept = listing.split(separator: "\n").filter { !$0.hasSuffix("\tscores") }.joined(separator: "\n")
                let tree = try remote.git(["mktree"], input: kept + "\n040000 tree \(scores)\tscores\n")
                try remote.git("update-ref", "refs/quill/evals", try remote.git("commit-tree", tree, "-p", evals, "-m", "flat summary"))
                return ("refs/quill/evals", "whose tree is not Quill's layout for it: 'scores/ab/\(name)' has no place there")
            case .evalsWithLyingSummary, .evalsWithSummaryMissingALine:
                // The score summary of the prompt version no longer what its records say: a score
                // raised, or a record left out (log and blame would contradict eval show).
                let path = try remote.git("ls-tree", "-r", "--name-only", "refs/quill/evals", "--", "scores")
                let summary = try remote.git("cat-file", "blob", "refs/quill/evals:" + path) + "\n"
                let lines = summary.split(separator: "\n").map(String.init)
                #expect(lines.count == 2 && summary.contains("0.9"))
                let changed = self == .evalsWithLyingSummary
                    ? summary.replacingOccurrences(of: "0.9", with: "0.95") : lines[0] + "\n"
                let tree = try HostileRemoteTests.replacing(path, with: try remote.writeBlob(changed), in: evalsTree, of: remote)
                try remote.git("update-ref", "refs/quill/evals", try remote.git("commit-tree", tree, "-p", evals, "-m", "lying summary"))
                return ("refs/quill/evals", "whose score summary '\(path)' is not the summary of that version's records")
            case .evalsWithProvenanceOutOfSummary:
                // A record the reader holds too, given other provenance on the remote while its summary line
                // still names the old one: the line must be rebuilt, not taken from the reader's summary.
                let path = try remote.git("ls-tree", "-r", "--name-only", "refs/quill/evals", "--", "scores")
                let summary = try remote.git("cat-file", "blob", "refs/quill/evals:" + path)
                let line = try #require(summary.split(separator: "\n").first { $0.contains("0.9") })
                let hex = try #require(line.firstMatch(of: #/"id":"([0-9a-f]{40})"/#)).1
                let meta = "meta/\(hex.prefix(2))/\(hex.dropFirst(2).prefix(2))/\(hex.dropFirst(4)).json"
                let other = try remote.writeBlob(#"{"files":["other.json"],"recordedAt":"2020-01-01T00:00:00+00:00","recordedBy":"Eve <eve@example.com>"}"#)
                let tree = try HostileRemoteTests.replacing(meta, with: other, in: evalsTree, of: remote)
                try remote.git("update-ref", "refs/quill/evals", try remote.git("commit-tree", tree, "-p", evals, "-m", "other provenance"))
                return ("refs/quill/evals", "whose score summary '\(path)' is not the summary of that version's records")
            case .evalsWithDotDot:
                let tree = try remote.writeRawTree([.init("40000", "..", evalsTree)])
                try remote.git("update-ref", "refs/quill/evals", try remote.git("commit-tree", tree, "-p", evals, "-m", "dot dot"))
                return ("refs/quill/evals", "whose tree is not Quill's layout for it: '..' has no place there")
            case .labelsWithBadValue:
                let tree = try remote.writeRawTree([.init("40000", "production", try remote.writeRawTree([.init("100644", "support.prompt", blob)]))])
                try remote.git("update-ref", "refs/quill/labels", try remote.commitTree(tree))
                return ("refs/quill/labels", "whose labels are not Quill's ('refs/quill/labels': ")
            case .labelsWithSymlink:
                let tree = try remote.writeRawTree([.init("40000", "production", try remote.writeRawTree([.init("120000", "support.prompt", blob)]))])
                try remote.git("update-ref", "refs/quill/labels", try remote.commitTree(tree))
                return ("refs/quill/labels", "whose tree is not Quill's layout for it: 'production/support.prompt' has no place there")
            }
        }
    }

    /// `tree` with the blob at `path` replaced by `blob`, written with `git mktree` level by level.
    static func replacing(_ path: String, with blob: String, in tree: String, of repository: TestRepository) throws -> String {
        let (name, rest) = path.firstIndex(of: "/").map { (String(path[..<$0]), String(path[path.index(after: $0)...])) } ?? (path, "")
        var listing = try repository.git("ls-tree", tree).split(separator: "\n").map(String.init)
        let index = try #require(listing.firstIndex { $0.hasSuffix("\t" + name) })
        let entry = rest.isEmpty
            ? "100644 blob \(blob)\t\(name)"
            : "040000 tree \(try replacing(rest, with: blob, in: String(listing[index].split(separator: " ")[2].prefix(40)), of: repository))\t\(name)"
        listing[index] = entry
        return try repository.git(["mktree"], input: listing.joined(separator: "\n") + "\n")
    }

    private func refs(_ path: String) throws -> String {
        try ProcessRunner.run(TestEnvironment.gitPath, ["for-each-ref"], in: path, environment: TestEnvironment.variables()).output
    }

    /// How the reader reaches the remote: by path, or over `git://` from a full or a shallow clone; the
    /// `git` executable fetches into the quarantine, or libgit2 does (its fallback when there is no `git`).
    enum Transport: CaseIterable {
        case path, daemon, daemonIntoShallowClone, pathWithLibgit2, daemonWithLibgit2

        var receiver: FetchReceiver { self == .pathWithLibgit2 || self == .daemonWithLibgit2 ? .libgit2 : .automatic }
    }

    @Test("a ref that is not a commit of the store's layout is refused with one line, and nothing changes on either side",
          arguments: Corruption.allCases, Transport.allCases)
    func refusesCorruptRef(corruption: Corruption, transport: Transport) throws {
        let fixture = try SyncFixture()
        let writer = try fixture.clone()
        let reader: TestRepository
        if transport == .daemonIntoShallowClone {
            _ = try fixture.commitEdit(in: writer, branch: "main")
            reader = try TestRepository(cloning: fixture.remote, options: ["--depth", "1"])
            try reader.git("config", "user.name", TestEnvironment.authorName)
            try reader.git("config", "user.email", TestEnvironment.authorEmail)
            #expect(try reader.git("rev-parse", "--is-shallow-repository") == "true")
        } else {
            reader = try fixture.clone()
        }
        try fixture.record(0.9, in: writer)
        _ = try Workspace.open(from: writer.path).sync()
        try fixture.record(0.8, in: reader)
        _ = try Workspace.open(from: reader.path).sync()
        try fixture.record(0.7, in: reader)
        let (reference, problem) = try corruption.apply(to: fixture.remote)
        let daemon = transport != .path && transport != .pathWithLibgit2 ? try GitDaemon(basePath: (fixture.remote.path as NSString).deletingLastPathComponent) : nil
        defer { daemon?.stop() }
        let remote = daemon?.url((fixture.remote.path as NSString).lastPathComponent) ?? "origin"
        let (localBefore, remoteBefore) = (try refs(reader.path), try refs(fixture.remote.path))

        let error = try #require(throws: QuillError.self) {
            try Workspace.open(from: reader.path).sync(remote: remote, attempts: 10, receiver: transport.receiver) {}
        }
        #expect(error.kind == .repository)
        #expect(error.message.hasPrefix("'\(remote)' sent '\(reference)' "), "\(error.message)")
        #expect(error.message.contains(problem) && error.message.hasSuffix("; nothing was changed here"), "\(error.message)")
        #expect(!error.message.contains("\n"))
        #expect(try refs(reader.path) == localBefore)
        #expect(try refs(fixture.remote.path) == remoteBefore)
        try reader.fsck()

        // Once the remote is repaired, sync works again: nothing bad was kept here.
        try fixture.remote.git("update-ref", reference, try writer.git("rev-parse", reference.hasSuffix("labels") ? "refs/quill/evals" : reference))
        if reference.hasSuffix("labels") { try fixture.remote.git("update-ref", "-d", reference) }
        let report = try Workspace.open(from: reader.path).sync(remote: remote, attempts: 10, receiver: transport.receiver) {}
        #expect(report.refs.contains { $0.reference == "refs/quill/evals" && $0.pushed })
        #expect(try SyncFixture.recordIDs(at: reader.path).count == 3)
        try reader.fsck()
    }

    @Test("an object git's fsck refuses stops the sync with one line, even in a commit below a good tip that no check of Quill's reads",
          arguments: [Transport.path, .daemon])
    func refusesMalformedObjectBelowTip(transport: Transport) throws {
        let fixture = try SyncFixture()
        let writer = try fixture.clone()
        let reader = try fixture.clone()
        try fixture.record(0.9, in: writer)
        _ = try Workspace.open(from: writer.path).sync()
        _ = try Workspace.open(from: reader.path).sync()
        // A commit whose tree names one file twice, then a tip whose tree is the store the reader holds already.
        let remote = fixture.remote
        let blob = try remote.writeBlob("twice\n")
        let duplicated = try remote.writeRawTree([.init("100644", "a", blob), .init("100644", "a", blob)])
        let middle = try remote.git("commit-tree", duplicated, "-p", try remote.git("rev-parse", "refs/quill/evals"), "-m", "duplicate entries")
        let tip = try remote.git("commit-tree", try remote.git("rev-parse", "refs/quill/evals^{tree}"), "-p", middle, "-m", "good tree again")
        try remote.git("update-ref", "refs/quill/evals", tip)
        let daemon = transport == .daemon ? try GitDaemon(basePath: (remote.path as NSString).deletingLastPathComponent) : nil
        defer { daemon?.stop() }
        let url = daemon?.url((remote.path as NSString).lastPathComponent) ?? "origin"
        let (localBefore, remoteBefore) = (try refs(reader.path), try refs(remote.path))

        let error = try #require(throws: GitError.self) {
            try Workspace.open(from: reader.path).sync(remote: url, attempts: 10, receiver: .automatic) {}
        }
        #expect(error.description.contains("duplicateEntries"), "\(error.description)")
        #expect(!error.description.contains("\n"))
        #expect(try refs(reader.path) == localBefore)
        #expect(try refs(remote.path) == remoteBefore)
        #expect(throws: (any Error).self) { try reader.git("cat-file", "-e", middle) }
        try reader.fsck()
    }
}
