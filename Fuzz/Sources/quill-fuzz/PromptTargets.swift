import Foundation
import QuillKit

/// The prompt formats, each read through `PromptParser` as a file of its extension would be.
enum PromptTargets {
    static let all = FuzzTarget.files([
        ("dotprompt", "prompts/fuzz.prompt", "Dotprompt and Humanloop .prompt (YAML front matter, Handlebars, tags)"),
        ("prompty", "prompts/fuzz.prompty", "Prompty .prompty (YAML front matter, Jinja sections)"),
        ("markdown", "prompts/fuzz.md", "Markdown and text with optional front matter"),
        ("chat-json", "prompts/fuzz.json", "OpenAI-style chat JSON"),
        ("github-models", "prompts/fuzz.prompt.yml", "GitHub Models .prompt.yml"),
        ("toml-prompt", "prompts/fuzz.toml", "TOML prompt tables (TOMLKit, message keys, Jinja)"),
        ("yaml-prompt", "prompts/fuzz.yaml", "YAML prompt configurations (message keys, Jinja)"),
    ]) { bytes, path in
        guard let prompt = try? PromptParser.parse(Data(bytes), path: path) else { return }
        // What `quill show --format json` prints of it.
        _ = try? JSONEncoder().encode(prompt)
    }
}
