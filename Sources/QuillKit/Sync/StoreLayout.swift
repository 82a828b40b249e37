import GitKit

/// The shape a Quill ref's tree must have, checked on what a remote sends before it is taken in.
///
/// Every entry's name must also be one git accepts (`TreeEntryName`); files are plain blobs (mode
/// `100644`), folders are trees: no links, no submodules, no executables.
indirect enum StoreLayout: Hashable, Sendable {
    /// A plain file.
    case file
    /// A folder each of whose entries matches one of the rules, and has the rule's layout.
    case folder([Rule])
    /// git notes: folders named by two hex digits of an object id, then a file named by the rest of it.
    case notes(hexDigits: Int)
    /// Any files and folders.
    case anything

    /// A pattern for an entry's name and the layout the entry must have.
    struct Rule: Hashable, Sendable {
        let name: NamePattern
        let layout: StoreLayout
    }

    /// What an entry's name must be.
    enum NamePattern: Hashable, Sendable {
        case exact(String)
        /// `digits` lower-case hex digits, then `suffix`.
        case hex(digits: Int, suffix: String)
        /// A label or manifest name (one git reference component).
        case name

        func matches(_ name: String) -> Bool {
            switch self {
            case .exact(let expected): name == expected
            case .hex(let digits, let suffix):
                name.utf8.count == digits + suffix.utf8.count && name.hasSuffix(suffix)
                    && name.utf8.prefix(digits).allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
            case .name: LabelName.isValid(name)
            }
        }
    }

    /// The layout of `reference`'s tree: the eval store's (docs/storage.md), git notes', or any tree for the
    /// refs whose layout Quill does not fix yet.
    static func of(_ reference: String) -> StoreLayout {
        switch reference {
        case SyncedRefs.evals: evalStore
        case SyncedRefs.manifests: manifestStore
        case SyncedRefs.notes: .notes(hexDigits: ObjectID.byteCount * 2)
        default: .anything
        }
    }

    /// `records/ab/cdef….json`, `cases/ab/cdef….jsonl`, `meta/ab/cdef….json`, and
    /// `by-commit/ab/cdef…/<record id>` and `by-prompt/ab/cdef…/<record id>` (layout 1), or the same
    /// with two fan-out levels, `records/ab/cd/ef….json` …, and `layout.json` (layout 2), and
    /// `scores/ab/cd/ef….jsonl` (layout 3, two levels only).
    static let evalStore: StoreLayout = {
        let digits = ObjectID.byteCount * 2
        /// Layout 1's shard (`cdef…`) or layout 2's (`cd/ef…`), in one rule list: the names differ in length.
        func eitherLayout(suffix: String, _ leaf: StoreLayout) -> StoreLayout {
            let second = StoreLayout.folder([Rule(name: .hex(digits: digits - 4, suffix: suffix), layout: leaf)])
            return .folder([Rule(name: .hex(digits: 2, suffix: ""), layout: .folder([
                Rule(name: .hex(digits: digits - 2, suffix: suffix), layout: leaf),
                Rule(name: .hex(digits: 2, suffix: ""), layout: second),
            ]))])
        }
        let index = eitherLayout(suffix: "", .folder([Rule(name: .hex(digits: digits, suffix: ""), layout: .file)]))
        return .folder([
            Rule(name: .exact("records"), layout: eitherLayout(suffix: ".json", .file)),
            Rule(name: .exact("cases"), layout: eitherLayout(suffix: ".jsonl", .file)),
            Rule(name: .exact("meta"), layout: eitherLayout(suffix: ".json", .file)),
            Rule(name: .exact(StorePath.byCommitFolder), layout: index),
            Rule(name: .exact(StorePath.byPromptFolder), layout: index),
            Rule(name: .exact(StorePath.scoresFolder), layout: .folder([Rule(name: .hex(digits: 2, suffix: ""), layout: .folder([
                Rule(name: .hex(digits: 2, suffix: ""), layout: .folder([Rule(name: .hex(digits: digits - 4, suffix: ".jsonl"), layout: .file)])),
            ]))])),
            Rule(name: .exact(StorePath.layoutFile), layout: .file),
        ])
    }()

    /// Folders named by an object id's first two hex digits, holding entries named by the rest plus `suffix`.
    static func sharded(suffix: String, _ leaf: StoreLayout) -> StoreLayout {
        let rest = ObjectID.byteCount * 2 - 2
        return .folder([Rule(name: .hex(digits: 2, suffix: ""), layout: .folder([Rule(name: .hex(digits: rest, suffix: suffix), layout: leaf)]))])
    }

    /// `manifests/ab/cdef…/` (a manifest: `manifest.json`, `documents.jsonl`, `contents/ab/cdef…`) and
    /// `names/<name>/ab/cdef….json`.
    static let manifestStore: StoreLayout = {
        let manifest = StoreLayout.folder([
            Rule(name: .exact(ManifestStore.headerFile), layout: .file),
            Rule(name: .exact(ManifestStore.documentsFile), layout: .file),
            Rule(name: .exact(ManifestStore.contentsFolder), layout: sharded(suffix: "", .file)),
        ])
        return .folder([
            Rule(name: .exact("manifests"), layout: sharded(suffix: "", manifest)),
            Rule(name: .exact("names"), layout: .folder([Rule(name: .name, layout: sharded(suffix: ".json", .file))])),
        ])
    }()

    /// The layout an entry named `name` of mode `mode` must have in a folder of this layout, or `nil`
    /// when it has no place there.
    func child(named name: String, mode: TreeEntry.Mode) -> StoreLayout? {
        guard mode == .blob || mode == .tree else { return nil }
        let layout: StoreLayout?
        switch self {
        case .file: layout = nil
        case .anything: layout = .anything
        case .folder(let rules): layout = rules.first { $0.name.matches(name) }?.layout
        case .notes(let digits):
            if NamePattern.hex(digits: digits, suffix: "").matches(name) {
                layout = .file
            } else {
                layout = digits > 2 && NamePattern.hex(digits: 2, suffix: "").matches(name) ? .notes(hexDigits: digits - 2) : nil
            }
        }
        guard let layout else { return nil }
        switch layout {
        case .file: return mode == .blob ? layout : nil
        case .anything: return layout
        case .folder, .notes: return mode == .tree ? layout : nil
        }
    }
}
