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
    /// Markdown `.md` with optional front matter: one message, `user` unless `quill.yaml` says otherwise.
    case markdown
    /// Plain text with optional front matter: one message, as Markdown.
    case text
    /// A TOML prompt table: messages from well-known keys (`system`, `user`, …), the rest as metadata.
    case toml
    /// A YAML prompt or template configuration: messages from well-known keys (`system_template`, …).
    case yaml
    /// OpenAI-style chat JSON: a `messages` array, alone or inside an object of model parameters.
    case json
}
