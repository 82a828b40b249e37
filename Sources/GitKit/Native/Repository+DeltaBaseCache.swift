extension Repository {
    /// How many bytes of delta bases the native pack reader keeps for the next reads, as git's
    /// `core.deltaBaseCacheLimit`: 4 MiB unless set, which suits walks over small trees; reading
    /// many versions of a large file wants git's 96 MiB, or every read rebuilds its delta chain
    /// (a base larger than a quarter of the limit is not kept). Setting it empties the cache.
    public var deltaBaseCacheLimit: Int {
        get { packs?.baseCacheLimit ?? 0 }
        set { packs?.baseCacheLimit = newValue }
    }
}
