internal import CLibGit2

/// The object database backend of a packing handle (`Repository.openPackingHandle`): every object
/// written through the handle, by GitKit or by libgit2 (a commit, a tree builder's tree), goes
/// straight into the pack being written (`PackWriter`), and reads through the handle find it there.
///
/// The pack file is begun at the first write and completed by `finish`; the next write begins
/// another. A pack never completed (nothing moved a ref to its objects) is removed with its folder
/// when the backend goes, or by the next writer if the process was killed.
final class PackingBackend {
    private let objects: String
    private var pack: PackWriter?

    /// A backend writing packs for the repository whose `objects` folder is `objects`.
    private init(objects: String) {
        self.objects = objects
    }

    /// Adds a new backend to `odb`, ahead of every other, and returns it; the odb owns it from then on.
    static func install(in odb: OpaquePointer, objects: String) throws(GitError) -> PackingBackend {
        let backend = PackingBackend(objects: objects)
        let raw = UnsafeMutablePointer<quill_odb_backend>.allocate(capacity: 1)
        raw.initialize(to: quill_odb_backend())
        let parent = UnsafeMutableRawPointer(raw).assumingMemoryBound(to: git_odb_backend.self)
        try check(git_odb_init_backend(parent, UInt32(GIT_ODB_BACKEND_VERSION)), "git_odb_init_backend")
        raw.pointee.owner = Unmanaged.passRetained(backend).toOpaque()
        raw.pointee.parent.read = { data, size, type, backend, oid in
            PackingBackend.owner(of: backend).answer { owner throws(GitError) in
                guard let object = try owner.pack?.object(ObjectID(oid!.pointee)) else { return GIT_ENOTFOUND.rawValue }
                guard let buffer = git_odb_backend_data_alloc(backend, max(object.bytes.count, 1)) else { return -1 }
                object.bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                data!.pointee = buffer
                size!.pointee = object.bytes.count
                type!.pointee = git_object_t(Int32(object.kind.rawValue))
                return 0
            }
        }
        raw.pointee.parent.read_header = { size, type, backend, oid in
            guard let header = PackingBackend.owner(of: backend).pack?.header(of: ObjectID(oid!.pointee)) else { return GIT_ENOTFOUND.rawValue }
            size!.pointee = header.size
            type!.pointee = git_object_t(Int32(header.kind.rawValue))
            return 0
        }
        raw.pointee.parent.exists = { backend, oid in
            PackingBackend.owner(of: backend).pack?.header(of: ObjectID(oid!.pointee)) == nil ? 0 : 1
        }
        raw.pointee.parent.write = { backend, oid, data, size, type in
            PackingBackend.owner(of: backend).answer { owner throws(GitError) in
                try owner.write(UnsafeRawBufferPointer(start: data, count: size), type: type, id: ObjectID(oid!.pointee))
                return 0
            }
        }
        raw.pointee.parent.free = { backend in
            let raw = UnsafeMutableRawPointer(backend!).assumingMemoryBound(to: quill_odb_backend.self)
            Unmanaged<PackingBackend>.fromOpaque(raw.pointee.owner).release()
            raw.deinitialize(count: 1)
            raw.deallocate()
        }
        // Highest priority: every write goes here, and reads look here first.
        let result = git_odb_add_backend(odb, parent, 999)
        if result != 0 { parent.pointee.free(parent) }
        try check(result, "git_odb_add_backend")
        return backend
    }

    /// Appends the object `id` of kind `type` with content `data` (which hashes to `id`) to the pack,
    /// beginning one if none is open.
    func write(_ data: UnsafeRawBufferPointer, type: git_object_t, id: ObjectID) throws(GitError) {
        guard let kind = PackReader.Kind(rawValue: UInt8(truncatingIfNeeded: type.rawValue)) else {
            throw GitError(code: .invalid, message: "cannot pack an object of type \(type.rawValue)", function: "PackingBackend.write")
        }
        if pack == nil { pack = try PackWriter(objects: objects) }
        try pack!.append(id, kind: kind, data: data)
    }

    /// Where the pack being written stands, for `rollBack(to:)`.
    struct Mark {
        fileprivate let pack: PackWriter?
        fileprivate let length: Int
    }

    /// Where the pack being written stands now.
    func mark() -> Mark {
        Mark(pack: pack, length: pack?.length ?? 0)
    }

    /// Takes out of the pack every object written since `mark`.
    func rollBack(to mark: Mark) throws(GitError) {
        guard let pack else { return }
        if let marked = mark.pack, marked === pack {
            try pack.truncate(to: mark.length)
        } else {
            self.pack = nil  // begun since: dropped whole, with its folder
        }
    }

    /// Completes the open pack, if it holds anything, and moves it into `objects/pack/`.
    func finish() throws(GitError) {
        guard let pack, !pack.isEmpty else { return }
        self.pack = nil
        try pack.finish(into: objects + "/pack")
    }

    /// The backend a libgit2 callback was given.
    private static func owner(of backend: UnsafeMutablePointer<git_odb_backend>?) -> PackingBackend {
        let raw = UnsafeMutableRawPointer(backend!).assumingMemoryBound(to: quill_odb_backend.self)
        return Unmanaged<PackingBackend>.fromOpaque(raw.pointee.owner).takeUnretainedValue()
    }

    /// Runs `body` for a libgit2 callback: its result, or -1 with libgit2's error message set.
    private func answer(_ body: (PackingBackend) throws(GitError) -> Int32) -> Int32 {
        do {
            return try body(self)
        } catch {
            git_error_set_str(Int32(GIT_ERROR_ODB.rawValue), error.message)
            return -1
        }
    }
}
