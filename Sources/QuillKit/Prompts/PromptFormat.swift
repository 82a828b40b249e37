/// The file formats Quill reads prompts from.
public enum PromptFormat: String, Codable, Sendable, CaseIterable {
    /// Dotprompt `.prompt`: YAML front matter and a Handlebars body with `{{role}}` markers.
    case dotprompt
    /// Humanloop `.prompt`: YAML front matter and `<system>` / `<user>` / `<assistant>` tags.
    case humanloop
    /// Prompty `.prompty`: YAML front matter and `system:` / `user:` sections in a Jinja2 body.
    case prompty
    /// GitHub Models `.prompt.yml`: one YAML document with `messages`.
    case githubModels
    /// Markdown `.md` with optional front matter: one user message.
    case markdown
    /// Plain text with optional front matter: one user message.
    case text
    /// OpenAI-style chat JSON: a `messages` array, alone or inside an object of model parameters.
    case json
}
