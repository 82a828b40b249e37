/// Trees read for one tree update, kept by id so that each is read from the object database once.
///
/// A batch of the eval store first looks up the leaves it will write (is this record stored
/// already? what does this version's summary hold?), then rewrites the same leaves; at a million
/// records each leaf read follows a delta chain through the packs, so reading it twice cost a
/// third of the batch. Trees looked up through `Repository.loadTree(_:keepingIn:)` are kept here,
/// and `Repository.updateTree(_:applying:reusing:)` takes them out again as it rewrites them. Not
/// thread-safe: one per update, on the thread that makes it.
public final class TreeReadCache {
    private var trees: [ObjectID: LoadedTree] = [:]

    public init() {}

    /// How many trees are kept.
    public var count: Int { trees.count }

    func tree(_ id: ObjectID) -> LoadedTree? { trees[id] }

    func keep(_ tree: LoadedTree) { trees[tree.id] = tree }

    /// The tree `id`, no longer kept: an update reads each base tree once.
    func take(_ id: ObjectID) -> LoadedTree? { trees.removeValue(forKey: id) }
}

extension Repository {
    /// The tree `id` from `cache`, or read (`loadTree(_:)`) and kept there.
    public func loadTree(_ id: ObjectID, keepingIn cache: TreeReadCache) throws(GitError) -> LoadedTree {
        if let known = cache.tree(id) { return known }
        let tree = try loadTree(id)
        cache.keep(tree)
        return tree
    }
}
