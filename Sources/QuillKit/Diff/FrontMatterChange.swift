/// One changed value in a prompt's front matter, named by its key path (`config.temperature`,
/// `tools[1].name`): added, removed, or changed from an old value to a new one.
public struct FrontMatterChange: Codable, Sendable, Equatable {
    /// What happened at the key path.
    public enum Kind: String, Codable, Sendable {
        case added, removed, changed
    }

    /// Dotted keys, with `[n]` for list positions; `$` for the whole front matter.
    public let path: String
    public let kind: Kind
    /// The value before, when there was one.
    public let old: YAMLValue?
    /// The value after, when there is one.
    public let new: YAMLValue?

    /// The changes from `old` to `new` (nil is no front matter), deepest differing key paths first in document order.
    ///
    /// Mappings are compared key by key (old order, then keys only the new side has) and lists
    /// position by position; where the kinds differ the whole value changed.
    static func between(_ old: YAMLValue?, _ new: YAMLValue?) -> [FrontMatterChange] {
        var changes = [FrontMatterChange]()
        compare(old, new, path: "", into: &changes)
        return changes
    }

    private static func compare(_ old: YAMLValue?, _ new: YAMLValue?, path: String, into changes: inout [FrontMatterChange]) {
        switch (old, new) {
        case (nil, nil):
            return
        case (nil, let new?):
            if case .mapping(let pairs) = new, !pairs.isEmpty {
                for pair in pairs { compare(nil, pair.value, path: join(path, pair.key), into: &changes) }
            } else {
                changes.append(FrontMatterChange(path: displayed(path), kind: .added, old: nil, new: new))
            }
        case (let old?, nil):
            if case .mapping(let pairs) = old, !pairs.isEmpty {
                for pair in pairs { compare(pair.value, nil, path: join(path, pair.key), into: &changes) }
            } else {
                changes.append(FrontMatterChange(path: displayed(path), kind: .removed, old: old, new: nil))
            }
        case (.mapping(let before)?, .mapping(let after)?):
            for pair in before {
                compare(pair.value, after.first { $0.key == pair.key }?.value, path: join(path, pair.key), into: &changes)
            }
            for pair in after where !before.contains(where: { $0.key == pair.key }) {
                compare(nil, pair.value, path: join(path, pair.key), into: &changes)
            }
        case (.array(let before)?, .array(let after)?) where before != after:
            for index in 0..<max(before.count, after.count) {
                compare(index < before.count ? before[index] : nil, index < after.count ? after[index] : nil, path: path + "[\(index)]", into: &changes)
            }
        case (let old?, let new?):
            if old != new { changes.append(FrontMatterChange(path: displayed(path), kind: .changed, old: old, new: new)) }
        }
    }

    private static func join(_ path: String, _ key: String) -> String {
        let needsQuoting = key.isEmpty || key.contains { $0 == "." || $0 == "[" || $0 == "]" || $0 == " " }
        let component = needsQuoting ? "\"\(key)\"" : key
        return path.isEmpty ? component : path + "." + component
    }

    private static func displayed(_ path: String) -> String { path.isEmpty ? "$" : path }
}
