import Foundation

/// Inputs that reach a known problem whose fix is pending elsewhere, skipped while it is open so a
/// run can still find new ones. `scripts/fuzz/run-all.sh` names them in `QUILL_FUZZ_SKIP`
/// (comma-separated); docs/security.md, "Fuzzing", lists them. Nothing is skipped by default.
enum KnownIssue: String, CaseIterable, Sendable {
    /// YAML anchors with aliases, in the targets that read YAML (alias bombs: issue 14, item 2).
    case yamlAliases = "yaml-aliases"
    /// TOML arrays or inline tables nested deeper than 100 levels (a stack overflow: issue 14, item 5).
    case deepTOML = "deep-toml"

    private static let skipped: [KnownIssue] = (ProcessInfo.processInfo.environment["QUILL_FUZZ_SKIP"] ?? "")
        .split(separator: ",").compactMap { KnownIssue(rawValue: String($0)) }

    /// Whether `bytes`, given to `target`, reach one of the skipped issues.
    static func skips(_ bytes: [UInt8], in target: String) -> Bool {
        skipped.contains { $0.targets.contains(target) && $0.matches(bytes) }
    }

    private var targets: Set<String> {
        switch self {
        case .yamlAliases: ["dotprompt", "prompty", "markdown", "github-models", "config", "results-yaml"]
        case .deepTOML: ["results-toml"]
        }
    }

    private func matches(_ bytes: [UInt8]) -> Bool {
        switch self {
        case .yamlAliases:
            return bytes.contains(UInt8(ascii: "&")) && bytes.contains(UInt8(ascii: "*"))
        case .deepTOML:
            var depth = 0
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                default: continue
                }
                if depth > 100 { return true }
            }
            return false
        }
    }
}
