import Foundation
@testable import GitKit
import TestSupport
import Testing

@Suite("Pack reader")
struct PackReaderTests {
    /// Every object `git cat-file --batch-all-objects --batch` prints: id → (type, bytes).
    private func gitObjects(_ repository: TestRepository) throws -> [ObjectID: (type: String, bytes: [UInt8])] {
        let file = repository.path + "/.git/all-objects"
        let result = try ProcessRunner.run(
            "/bin/sh", ["-c", "git cat-file --batch-all-objects --batch > '\(file)'"], in: repository.path,
            environment: TestEnvironment.variables())
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        var objects = [ObjectID: (type: String, bytes: [UInt8])]()
        var position = 0
        while position < bytes.count {
            let end = bytes[position...].firstIndex(of: 0x0A)!
            let header = String(decoding: bytes[position..<end], as: UTF8.self).split(separator: " ")
            let size = Int(header[2])!
            objects[ObjectID(hex: header[0])!] = (String(header[1]), Array(bytes[end + 1..<end + 1 + size]))
            position = end + 1 + size + 1
        }
        return objects
    }

    /// A file mapped whole, through windows, and read with `pread`, named by whether it is mapped.
    private static let fileAccesses: [(mapped: Bool, access: PackFile.Access)] = [
        (true, .mapped), (false, .windows(MappedWindows(windowSize: MappedFile.pageSize, overhang: 64, limit: 4 * MappedFile.pageSize))),
        (false, .reads(readAhead: 0)), (false, .reads(readAhead: PackReader.entryReadAhead)),
    ]

    @Test(
        "reads every packed object exactly as git cat-file does: whole, delta chains, two packs; loose objects are left to libgit2; with both packs mapped whole, the smaller one, or neither (read through windows of a page or a megabyte)",
        arguments: [2, 1, 0], [MappedFile.pageSize, 1 << 20])
    func readsWhatGitPacked(mappedPacks: Int, windowSize: Int) throws {
        let windows = MappedWindows(windowSize: windowSize, overhang: 256, limit: 4 * windowSize)
        try readsWhatGitPacked(mappedPacks: mappedPacks) { .windows(mappedLimit: $0, mappedIndexLimit: 0, indexes: windows, data: windows) }
    }

    @Test(
        "reads every packed object exactly as git cat-file does with pread: both packs mapped whole, the smaller one, or neither, with the other packs' indexes mapped or read",
        arguments: [2, 1, 0], [0, 1 << 30])
    func readsWhatGitPackedWithReads(mappedPacks: Int, mappedIndexLimit: Int) throws {
        try readsWhatGitPacked(mappedPacks: mappedPacks) { .reads(mappedLimit: $0, mappedIndexLimit: mappedIndexLimit) }
    }

    /// Builds two packs (whole objects and delta chains) and a loose object, and checks that a reader
    /// opened with `access(bytes of the mappedPacks smallest packs)` reads every packed object as git does.
    private func readsWhatGitPacked(mappedPacks: Int, access: (Int) -> PackReader.Access) throws {
        let repository = try TestRepository()
        var lines = (0..<400).map { "Line \($0) of a prompt that changes a little in every commit." }
        for index in 0..<60 {
            lines[(index * 37) % lines.count] = "Line rewritten at commit \(index)."
            try repository.write("prompts/long.md", lines.joined(separator: "\n") + "\n")
            // Past 64 KiB, so deltas copy with git's implicit 0x10000 size.
            try repository.write("data/big.txt", String(repeating: "0123456789abcdef", count: 5000) + "\(index)\n")
            try repository.write("prompts/nested/f\(index % 7).txt", "file \(index)\n")
            try repository.commitAll("change \(index)")
            if index == 40 { try repository.git("gc", "-q", "--aggressive", "--prune=now") }
        }
        try repository.git("repack", "-q", "-d")
        try repository.write("loose.txt", "a loose object\n")
        let loose = try repository.git("hash-object", "-w", "loose.txt")
        let packsFolder = repository.path + "/.git/objects/pack"
        #expect(try FileManager.default.contentsOfDirectory(atPath: packsFolder).filter { $0.hasSuffix(".pack") }.count == 2)
        let verify = try repository.git("verify-pack", "-v", packsFolder + "/" + (try FileManager.default.contentsOfDirectory(atPath: packsFolder).first { $0.hasSuffix(".idx") })!)
        #expect(verify.contains("chain length = 2"), "no delta chains to test")

        let packSizes = try FileManager.default.contentsOfDirectory(atPath: packsFolder).filter { $0.hasSuffix(".pack") }.map { name in
            [name, name.dropLast(5) + ".idx"].reduce(0) { sum, file in sum + (PackFile.size(ofFileAt: packsFolder + "/" + file) ?? 0) }
        }
        let mappedLimit = packSizes.sorted().prefix(mappedPacks).reduce(0, +)
        let reader = try #require(PackReader(gitDirectory: repository.path + "/.git", access: access(mappedLimit)))
        let objects = try gitObjects(repository)
        #expect(objects.count > 300)
        var read = 0
        for (id, expected) in objects where id.hex != loose {
            let object = try #require(reader.object(id), "\(id.hex) \(expected.type)")
            #expect("\(object.kind)" == expected.type, "\(id.hex)")
            #expect(object.bytes == expected.bytes, "\(id.hex) \(expected.type)")
            read += 1
        }
        #expect(read == objects.count - 1)
        // Trees listed through the pack reader, as git ls-tree lists them.
        let opened = try repository.open()
        for (id, _) in objects.filter({ $0.value.type == "tree" }).prefix(40) {
            let listed = try opened.treeEntries(id).map { entry in
                "\(String(entry.mode.rawValue, radix: 8).leftPadded(6)) \(entry.isTree ? "tree" : "blob") \(entry.id.hex)\t\(entry.name)"
            }
            #expect(listed.joined(separator: "\n") == (try repository.git("ls-tree", id.hex)), "\(id.hex)")
        }
        #expect(reader.object(try #require(ObjectID(hex: loose))) == nil)
        #expect(reader.object(try #require(ObjectID(hex: String(repeating: "0", count: 40)))) == nil)
    }

    /// Interpolation reads a block of ids where the id should lie and narrows to one side when it is
    /// not there: with blocks of a few ids among 4,000 (16 per first byte) every path is taken.
    @Test("finds every id of a large index, and none of the ids next to them, reading the index a block at a time", arguments: [1, 3, 128])
    func findsIdsByInterpolation(searchBlock: Int) throws {
        let repository = try TestRepository()
        let blobs = (0..<4_000).map { "blob\nmark :\($0 + 1)\ndata <<END\nobject \($0)\nEND\n" }.joined()
        // fast-import writes the blobs as one pack.
        _ = try repository.git(["fast-import", "--quiet"], input: blobs)
        let listed = try repository.git("cat-file", "--batch-all-objects", "--batch-check=%(objectname)").split(separator: "\n")
        #expect(listed.count == 4_000)
        let reader = try #require(PackReader(gitDirectory: repository.path + "/.git", access: .windows(mappedLimit: 0, mappedIndexLimit: 0, indexes: .indexes, data: .packData)))
        reader.searchBlock = searchBlock
        for hex in listed {
            let id = try #require(ObjectID(hex: hex))
            let object = try #require(reader.object(id), "\(hex)")
            #expect(object.kind == .blob && String(decoding: object.bytes, as: UTF8.self).hasPrefix("object "))
            // The ids just below and above it (last digit changed) are not in the pack.
            for digit in ["0", "f"] where !hex.hasSuffix(digit) {
                #expect(reader.object(try #require(ObjectID(hex: hex.dropLast() + digit))) == nil)
            }
        }
    }

    @Test("a linked work tree reads the main repository's packs and commit-graph, and walks as git does")
    func linkedWorkTree() throws {
        let repository = try history(commits: 6) { _ in "prompts/p.md" }
        try repository.git("gc", "-q")
        let linked = repository.path + "-linked"
        defer { try? FileManager.default.removeItem(atPath: linked) }
        try repository.git("worktree", "add", "-q", linked)
        let opened = try Repository.open(at: linked)
        #expect(opened.gitDirectoryPath.hasSuffix("/.git/worktrees/\(URL(fileURLWithPath: linked).lastPathComponent)/"))
        #expect(URL(fileURLWithPath: opened.commonDirectoryPath).standardizedFileURL == URL(fileURLWithPath: repository.path + "/.git").standardizedFileURL)
        let head = try opened.resolveCommit("HEAD")
        #expect(opened.packs?.object(head)?.kind == .commit)
        let walk = try DateOrderWalk(opened, from: [head])
        let graph = try #require(walk.graph, "the walk found the main repository's commit-graph")
        #expect(graph.position(of: head).flatMap { graph.entry(at: $0)?.node } == (try opened.commitNode(head)))
        var ids = [String]()
        while let node = try walk.next() { ids.append(node.id.hex) }
        #expect(ids.joined(separator: "\n") == (try repository.git("rev-list", "HEAD")))
    }

    /// Fuzzing found that a pack entry's header can announce any size and the reader allocated it
    /// before inflating: a 4.5 KB pack asked for terabytes. A delta's announced result size likewise.
    @Test("sizes a damaged pack announces are not allocated: an entry its zlib data cannot fill, a delta's result past its instructions")
    func refusesImpossibleSizes() throws {
        let repository = try TestRepository()
        try repository.write("a.txt", "a prompt\n")
        let id = try repository.git("hash-object", "-w", "a.txt")
        // A loose object is one zlib stream of its header and content.
        let stream = repository.path + "/.git/objects/\(id.prefix(2))/\(id.dropFirst(2))"
        let inflater = Inflater()
        for (_, access) in PackReaderTests.fileAccesses {
            let file = try #require(PackFile(path: stream, access: access))
            #expect(inflater.inflate(file, at: 0, size: 16) == Array("blob 9\0a prompt\n".utf8))
            #expect(inflater.inflate(file, at: 0, size: 15) == nil)
            #expect(inflater.inflate(file, at: 0, size: 1 << 40) == nil)
        }
        // Deltas: the source and result sizes as 7-bit groups, then "copy 9 bytes from offset 0" (0x90 0x09).
        let base = Array("a prompt\n".utf8)
        let copy: [UInt8] = [0x90, 0x09]
        #expect(PackReader.apply([0x09, 0x09] + copy, to: base) == base)
        let fiftyBits: [UInt8] = (0..<8).map { group in UInt8(((1 << 50) >> (7 * group)) & 0x7F) | (group < 7 ? 0x80 : 0) }
        #expect(PackReader.apply([0x09] + fiftyBits + copy, to: base) == nil)
        #expect(PackReader.apply([0x09, 0x09] + copy + copy, to: base) == nil)
    }

    /// A mapped pack is inflated by libdeflate, a read one by zlib: both check the stream's Adler-32,
    /// so a flipped bit that still decodes is refused either way, as git refuses it.
    @Test("a zlib stream whose checksum does not match its bytes is refused, mapped or read")
    func refusesBadChecksums() throws {
        let repository = try TestRepository()
        try repository.write("a.txt", "a prompt\n")
        let id = try repository.git("hash-object", "-w", "a.txt")
        var stream = try Data(contentsOf: URL(fileURLWithPath: repository.path + "/.git/objects/\(id.prefix(2))/\(id.dropFirst(2))"))
        stream[stream.count - 1] ^= 0x01
        let damaged = repository.path + "/damaged.zlib"
        try stream.write(to: URL(fileURLWithPath: damaged))
        let inflater = Inflater()
        for (mapped, access) in PackReaderTests.fileAccesses {
            let file = try #require(PackFile(path: damaged, access: access))
            #expect(inflater.inflate(file, at: 0, size: 16) == nil, "mapped: \(mapped)")
        }
    }

    /// Fuzzing found that a `REF_DELTA` entry naming itself as its base (or two naming each other)
    /// recursed until the stack overflowed.
    @Test("a cycle of REF_DELTA entries is refused, not followed until the stack runs out", arguments: [[1], [2, 1]])
    func refusesReferenceDeltaCycles(bases: [Int]) throws {
        let repository = try TestRepository()
        let ids = bases.indices.map { number in [UInt8(number + 1)] + [UInt8](repeating: 0, count: ObjectID.byteCount - 1) }
        var pack = Array("PACK".utf8) + bigEndian(2) + bigEndian(UInt32(bases.count))
        var offsets: [UInt32] = []
        for base in bases {
            offsets.append(UInt32(pack.count))
            // Type 7 (REF_DELTA), 4 bytes of instructions, the base's id, then (never reached) data.
            pack += [0x74] + ids[base - 1] + [0x78, 0x9C, 0x03, 0x00]
        }
        pack += [UInt8](repeating: 0, count: 20)
        var index: [UInt8] = [0xFF, 0x74, 0x4F, 0x63] + bigEndian(2)
        for byte in 0..<256 { index += bigEndian(UInt32(ids.filter { Int($0[0]) <= byte }.count)) }
        index += ids.joined() + ids.flatMap { _ in bigEndian(0) } + offsets.flatMap(bigEndian)
        index += [UInt8](repeating: 0, count: 40)
        let folder = repository.path + "/.git/objects/pack/"
        try Data(pack).write(to: URL(fileURLWithPath: folder + "pack-cycle.pack"))
        try Data(index).write(to: URL(fileURLWithPath: folder + "pack-cycle.idx"))
        let reader = try #require(PackReader(gitDirectory: repository.path + "/.git"))
        for id in ids { #expect(reader.object(try #require(ObjectID(bytes: id))) == nil) }
    }

    /// A repository of `commits` commits, commit `n` writing "version n" to the file `path(n)`.
    private func history(commits: Int, path: (Int) -> String) throws -> TestRepository {
        let repository = try TestRepository()
        for index in 0..<commits {
            try repository.write(path(index), "version \(index)\n")
            try repository.commitAll("change \(index)")
        }
        return repository
    }

    private func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// A windowed file answers from the window it read last, another window kept, a window it maps,
    /// or a mapping of its own for a read longer than the overhang across a window's end: each answer
    /// must be the file's bytes at the offset asked.
    @Test("a windowed file answers every read with the file's bytes at that offset: inside a window, across a window's end, after its window was dropped")
    func windowsAnswerWithTheFilesBytes() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/file"
        var generator = SystemRandomNumberGenerator()
        let page = MappedFile.pageSize
        let content = (0..<(5 * page + 123)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(content).write(to: URL(fileURLWithPath: path))
        let file = try #require(PackFile(path: path, access: .windows(MappedWindows(windowSize: page, overhang: 16, limit: 2 * page))))
        // Inside the first window, into its overhang, across its end (a mapping of its own), in later
        // windows (the first is dropped), back in the first, longer than a window, the file's last bytes.
        let reads = [(0, 32), (40, 200), (page - 10, 20), (page - 10, 100), (3 * page + 1, 50), (4 * page, 30), (2 * page, 8), (5, 4),
                     (page + 7, 2 * page), (content.count - 3, 10), (content.count - 3, 1)]
        for (offset, count) in reads {
            let bytes = file.bytes(from: offset, count: count)
            let wanted = min(count, content.count - offset)
            #expect(bytes.count >= wanted, "at \(offset)")
            #expect(Array(bytes) == Array(content[offset..<(offset + bytes.count)]), "at \(offset)")
        }
        #expect(file.bytes(from: content.count, count: 1).isEmpty)
    }

    /// How many mappings of the file at `path` the process has (`/proc/self/maps`, read to its end:
    /// its size is given as 0).
    private func mappings(of path: String) throws -> Int {
        let maps = try #require(FileHandle(forReadingAtPath: "/proc/self/maps"))
        defer { try? maps.close() }
        let lines = String(decoding: try maps.readToEnd() ?? Data(), as: UTF8.self).split(separator: "\n")
        return lines.filter { $0.hasSuffix(" " + path) }.count
    }

    /// A walk's windows stay mapped after it, kept for the next walk, until a command that reads the
    /// packs another way drops them (`Repository.readPacksForLookUps()`).
    @Test("windows kept after their reader went stay mapped until dropped, then are unmapped; a reader holding some keeps those, and reads on")
    func droppedWindowsAreUnmapped() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/file"
        let page = MappedFile.pageSize
        let content = (0..<(12 * page)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 9) }
        try Data(content).write(to: URL(fileURLWithPath: path))
        let windows = MappedWindows(windowSize: page, overhang: 16, limit: 16 * page)
        var file = try #require(PackFile(path: path, access: .windows(windows)))
        for window in 0..<10 { _ = file.bytes(from: window * page + 5, count: 8) }
        file = try #require(PackFile(path: path, access: .windows(windows)))
        #expect(try mappings(of: path) == 10)
        #expect(windows.keptBytes > 0)
        _ = file.bytes(from: 3 * page, count: 8)
        windows.dropKept()
        #expect(windows.keptBytes == 0)
        // The reader holds the window it read last; the other nine are gone.
        #expect(try mappings(of: path) == 1)
        for offset in [0, 7 * page + 100, 11 * page + 3] {
            #expect(Array(file.bytes(from: offset, count: 16).prefix(16)) == Array(content[offset..<offset + 16]), "at \(offset)")
        }
        windows.dropKept()
        file = try #require(PackFile(path: path, access: .windows(windows)))
        #expect(try mappings(of: path) == 0)
    }

    /// Git's objects of a pack many windows long, read through windows of a page, so that entry
    /// headers, zlib streams and index blocks lie across windows' ends.
    @Test("reads every object of a pack larger than a window as git cat-file does, entries straddling windows' ends")
    func readsObjectsAcrossWindowEdges() throws {
        let repository = try TestRepository()
        var generator = SystemRandomNumberGenerator()
        for index in 0..<30 {
            // Random bytes do not compress: entries of a few hundred bytes to a few pages.
            let size = Int.random(in: 100...(3 * MappedFile.pageSize), using: &generator)
            let text = (0..<size).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }.joined(separator: " ")
            try repository.write("data/f\(index % 9).txt", text + "\n")
            try repository.commitAll("change \(index)")
        }
        try repository.git("repack", "-a", "-d", "-q")
        let packsFolder = repository.path + "/.git/objects/pack/"
        let index = try #require(try FileManager.default.contentsOfDirectory(atPath: packsFolder).first { $0.hasSuffix(".idx") })
        // verify-pack lists "id type size size-in-pack offset ...": count the entries across a page's end.
        let page = MappedFile.pageSize
        let straddling = try repository.git("verify-pack", "-v", packsFolder + index).split(separator: "\n").filter { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 5, let inPack = Int(fields[3]), let offset = Int(fields[4]) else { return false }
            return offset / page != (offset + inPack - 1) / page
        }
        #expect(straddling.count >= 10, "too few entries across a window's end to test")
        let windows = MappedWindows(windowSize: page, overhang: 64, limit: 3 * page)
        let reader = try #require(PackReader(gitDirectory: repository.path + "/.git", access: .windows(mappedLimit: 0, mappedIndexLimit: 0, indexes: windows, data: windows)))
        for (id, expected) in try gitObjects(repository) {
            let object = try #require(reader.object(id), "\(id.hex) \(expected.type)")
            #expect("\(object.kind)" == expected.type && object.bytes == expected.bytes, "\(id.hex) \(expected.type)")
        }
    }

    /// A sync's check reads nearly every object a fetch received while they are in quarantine: natively
    /// from the mapped pack, not through libgit2 after a miss in every pack of the repository.
    @Test("a fetch's quarantine handle reads the received pack with the pack reader, each object hashing to its id as git has it")
    func quarantineReadsReceivedPack() throws {
        let source = try history(commits: 20) { "prompts/p\($0 % 3).txt" }
        let remote = try TestRepository(bare: true)
        try source.git("push", "-q", remote.path, "HEAD:refs/quill/evals")
        let local = try TestRepository()
        let opened = try local.open()
        var checked = 0
        try opened.fetch(remote: remote.path, refspecs: ["+refs/quill/*:refs/quill-remotes/r/quill/*"], receiver: .automatic) { received, _ in
            for id in try source.git("rev-list", "--objects", "HEAD").split(separator: "\n").map({ String($0.prefix(40)) }) {
                let objectID = try #require(ObjectID(hex: id))
                let object = try #require(received.packs?.object(objectID), "\(id)")
                #expect("\(object.kind)" == (try source.git("cat-file", "-t", id)))
                let digest = SHA1.digest(Array("\(object.kind) \(object.bytes.count)\0".utf8) + object.bytes)
                #expect(digest.map { String(format: "%02x", $0) }.joined() == id)
                checked += 1
            }
        }
        #expect(checked > 40)
        #expect(try opened.referenceTarget("refs/quill-remotes/r/quill/evals")?.hex == (try source.git("rev-parse", "HEAD")))
    }

    @Test(
        "resolves full commit ids, commits' trees and paths in them as git rev-parse and ls-tree do, from packs read as a walk or for look-ups, and from loose objects",
        arguments: [false, true])
    func resolvesAsGitDoes(forLookUps: Bool) throws {
        let repository = try TestRepository()
        for index in 0..<12 {
            try repository.write("prompts/nested/f\(index % 3).txt", "file \(index)\n")
            try repository.write("top\(index % 2).md", "top \(index)\n")
            try repository.commitAll("change \(index)")
        }
        try repository.git("gc", "-q", "--prune=now")
        try repository.write("loose.md", "a loose blob in a loose tree of a loose commit\n")
        try repository.commitAll("loose")
        let opened = try repository.open()
        if forLookUps { opened.readPacksForLookUps() }
        let paths = ["prompts", "prompts/nested", "prompts/nested/f1.txt", "top0.md", "loose.md", "prompts/none", "top0.md/below", "prompts/nested/f9.txt"]
        for commit in try repository.git("rev-list", "HEAD").split(separator: "\n").map(String.init) {
            #expect(try opened.resolveCommit(commit).hex == commit)
            let tree = try opened.treeID(ofCommit: try #require(ObjectID(hex: commit)))
            #expect(tree.hex == (try repository.git("rev-parse", "\(commit)^{tree}")))
            for path in paths {
                let listed = try opened.treeEntry(atPath: path, inTree: tree).map { entry in
                    "\(String(entry.mode.rawValue, radix: 8).leftPadded(6)) \(entry.isTree ? "tree" : "blob") \(entry.id.hex)\t\(path)"
                }
                let expected = try repository.git("ls-tree", commit, "--", path)
                #expect(listed ?? "" == expected, "\(commit):\(path)")
                #expect(try opened.treeEntry(atPath: path, inTree: tree)?.name ?? "" == (expected.isEmpty ? "" : String(path.split(separator: "/").last!)))
            }
        }
    }

    @Test("a repository without packs has no reader")
    func noPacks() throws {
        let repository = try TestRepository()
        try repository.write("a.txt", "a\n")
        try repository.commitAll("one")
        #expect(PackReader(gitDirectory: repository.path + "/.git") == nil)
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

@Suite("Delta base cache")
struct DeltaBaseCacheTests {
    private func entry(_ offset: Int, pack: Int = 0, size: Int) -> DeltaBaseCache.Entry {
        DeltaBaseCache.Entry(pack: pack, offset: offset, kind: .tree, bytes: [UInt8](repeating: UInt8(offset % 251), count: size))
    }

    @Test("finds what it kept by offset, and never answers for another offset")
    func keepsAndFinds() {
        var cache = DeltaBaseCache(slotBits: 4, limit: 1 << 20)
        for offset in stride(from: 12, to: 400, by: 40) { cache.remember(entry(offset, size: 10)) }
        for offset in stride(from: 12, to: 400, by: 40) {
            if let hit = cache.object(pack: 0, offset: offset) {
                #expect(hit.offset == offset && hit.bytes == entry(offset, size: 10).bytes)
            }
            #expect(cache.object(pack: 0, offset: offset + 1) == nil)
        }
        // Ten entries in sixteen slots: collisions may drop some, but the last one kept is there.
        #expect(cache.object(pack: 0, offset: 372) != nil)
    }

    @Test("an object of another pack at the same offset, in the same slot, is not taken for the one kept")
    func tellsPacksApart() {
        // One slot: every object lands in it, so only the pack and offset checks tell them apart.
        var cache = DeltaBaseCache(slotBits: 0, limit: 1 << 20)
        cache.remember(entry(12, pack: 0, size: 10))
        #expect(cache.object(pack: 1, offset: 12) == nil)
        #expect(cache.object(pack: 0, offset: 13) == nil)
        #expect(cache.object(pack: 0, offset: 12)?.bytes == entry(12, size: 10).bytes)
        cache.remember(entry(12, pack: 1, size: 5))
        #expect(cache.object(pack: 0, offset: 12) == nil, "the newer object took the slot")
        #expect(cache.object(pack: 1, offset: 12)?.bytes.count == 5)
    }

    @Test("holds at most its byte limit, keeps the newest entry, and refuses entries over a quarter of the limit")
    func boundsItsBytes() {
        var cache = DeltaBaseCache(slotBits: 8, limit: 1000)
        for offset in 0..<200 {
            cache.remember(entry(offset * 7, size: 90))
            let held = (0...offset).filter { cache.object(pack: 0, offset: $0 * 7) != nil }.count
            #expect(held * 90 <= 1000)
            #expect(cache.object(pack: 0, offset: offset * 7) != nil)
        }
        cache.remember(entry(5, size: 251))
        #expect(cache.object(pack: 0, offset: 5) == nil)
    }
}
