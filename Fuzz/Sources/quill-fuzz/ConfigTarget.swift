import Foundation
import QuillKit

/// `quill.yaml`, then its globs matched against a few paths.
enum ConfigTarget {
    static let target = FuzzTarget(name: "config", summary: "quill.yaml and its prompt globs") { bytes in
        guard let config = try? QuillConfig.parse(Data(bytes), path: QuillConfig.fileName) else { return }
        for path in ["prompts/support.prompt", "a/b/c.md", ".hidden/x", "quill.yaml"] {
            _ = config.matchesPrompt(path)
        }
    }
}
