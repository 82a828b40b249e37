import GitKit
import Synchronization

/// Shard trees of the prompt index, loaded once and shared by the threads that look records up in
/// the same store tree (`IndexReader`).
final class ShardCache: Sendable {
    private let loaded = Mutex([String: LoadedTree]())

    /// The loaded shard `name`, loading it with `load` the first time; two threads asking at once
    /// may both load it, and either copy is kept.
    func shard(_ name: String, load: () throws -> LoadedTree) rethrows -> LoadedTree {
        if let known = loaded.withLock({ $0[name] }) { return known }
        let tree = try load()
        loaded.withLock { $0[name] = tree }
        return tree
    }
}
