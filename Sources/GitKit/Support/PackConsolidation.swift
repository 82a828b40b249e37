import Foundation

extension Repository {
    /// The longest delta chain a consolidation writes (`consolidatePacks`).
    public static let maximumDeltaDepth = 10

    /// Consolidates the repository's packs when more than `limit` have piled up (Quill writes one per
    /// batch), with git's geometric repack: `git repack -d --geometric=2`, which rolls the smaller packs
    /// (and any loose objects) into one, keeping the pack sizes a geometric progression, so a store
    /// written in n batches keeps O(log n) packs and each object is re-packed O(log n) times.
    ///
    /// No object ever becomes unreachable or disappears: a geometric roll-up packs every object of the
    /// packs it replaces (`pack-objects --stdin-packs`), reachable or not, and removes those packs only
    /// after the new one and its index are in place, so a concurrent reader that read a ref before finds
    /// its objects in either. Only one consolidation runs at a time (an advisory lock on
    /// `quill-maintenance.flock` in the git folder, released by the kernel if the process dies).
    ///
    /// Delta chains in the packs it writes are at most `maximumDeltaDepth` long (`--depth`; git's own
    /// default is 50, and git cuts longer chains it reuses): a reader of one object inflates at most that
    /// many entries. Quill's score summaries are alike enough for git to chain them about 30 deep, and
    /// `log P` with scores reads one per version.
    ///
    /// Returns whether it ran and succeeded; `false` also when git cannot be run (nothing changes then).
    /// Complexity: one listing of `objects/pack`; when it runs, O(size of the packs rolled up).
    @discardableResult
    public func consolidatePacks(whenMoreThan limit: Int) -> Bool {
        let packFolder = commonDirectoryPath + "objects/pack"
        let packs = (try? FileManager.default.contentsOfDirectory(atPath: packFolder))?.filter { $0.hasSuffix(".pack") } ?? []
        guard packs.count > limit else { return false }
        let lockPath = commonDirectoryPath + "quill-maintenance.flock"
        let lock = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { return false }
        defer { Glibc.close(lock) }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else { return false }  // another process consolidates now
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "--git-dir=\(commonDirectoryPath)", "repack", "-d", "-q", "--geometric=2", "--depth=\(Repository.maximumDeltaDepth)", "--no-write-bitmap-index"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return false
        }
        return process.terminationReason == .exit && process.terminationStatus == 0
    }
}
