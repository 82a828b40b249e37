/// The tree entry names git refuses to check out (`git fsck` reports them, `verify_path` in git's
/// `read-cache.c` refuses them): a name that is empty, `.` or `..`, holds a `/` or a NUL, or
/// names the repository folder `.git` in any spelling a file system would take for it.
///
/// The `.git` spellings are those of git's `is_hfs_dotgit` and `is_ntfs_dotgit`: any ASCII case;
/// NTFS's trailing dots and spaces, its `::$DATA`-style stream suffixes and its 8.3 short name
/// `git~1`; and HFS+'s ignored code points (zero-width and direction marks) anywhere in the name.
public enum TreeEntryName {
    /// Why git would refuse `name` as one component of a tree path, or `nil` when it takes it.
    public static func refusal(_ name: some Collection<UInt8>) -> String? {
        if isPlain(name) { return nil }
        if name.isEmpty { return "an empty name" }
        if name.elementsEqual([dot]) || name.elementsEqual([dot, dot]) { return "a '\(String(decoding: name, as: UTF8.self))' entry" }
        if name.contains(0) { return "a NUL byte in a name" }
        if name.contains(UInt8(ascii: "/")) { return "a '/' in a name" }
        if isDotGit(name) { return "a name that stands for '.git'" }
        return nil
    }

    private static let dot = UInt8(ascii: ".")

    /// Whether `name` is taken without a closer look, in one pass (the common case): it is not empty, starts
    /// with neither `.` nor a `g` (so it is not `.`, `..` or a `.git` or `git~1` spelling), and holds only
    /// ASCII other than NUL and `/` (so no HFS+ ignored code point either).
    private static func isPlain(_ name: some Collection<UInt8>) -> Bool {
        guard let first = name.first, first != dot, first | 0x20 != UInt8(ascii: "g") else { return false }
        return !name.contains { $0 == 0 || $0 == UInt8(ascii: "/") || $0 >= 0x80 }
    }

    /// Whether a file system would take `name` for `.git`.
    private static func isDotGit(_ name: some Collection<UInt8>) -> Bool {
        if startsWithNTFSDotGit(name, prefix: ".git".utf8) || startsWithNTFSDotGit(name, prefix: "git~1".utf8) { return true }
        guard name.contains(where: { $0 >= 0x80 }) else { return false }
        let visible = String(decoding: name, as: UTF8.self).unicodeScalars.filter { !hfsIgnored.contains($0.value) }
        return String(String.UnicodeScalarView(visible)).utf8.map(lowercasedASCII).elementsEqual(".git".utf8)
    }

    /// `prefix` in any ASCII case, then only dots and spaces up to the end or an NTFS stream suffix (`:`).
    private static func startsWithNTFSDotGit(_ name: some Collection<UInt8>, prefix: String.UTF8View) -> Bool {
        guard name.count >= prefix.count, name.prefix(prefix.count).lazy.map(lowercasedASCII).elementsEqual(prefix) else { return false }
        for byte in name.dropFirst(prefix.count) {
            if byte == UInt8(ascii: ":") { return true }
            if byte != dot && byte != UInt8(ascii: " ") { return false }
        }
        return true
    }

    private static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        (65...90).contains(byte) ? byte + 32 : byte
    }

    /// The code points HFS+ ignores when it compares names (git's `next_hfs_char`).
    private static let hfsIgnored: Set<UInt32> = Set(Array(0x200C...0x200F) + Array(0x202A...0x202E) + Array(0x206A...0x206F) + [0xFEFF])
}
