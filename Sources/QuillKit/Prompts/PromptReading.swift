/// How to read prompt files beyond what their names say, as `quill.yaml`'s `formats` sets it per glob:
/// the format, the role of a text file's one message, the template language, and which keys of a TOML
/// or YAML file are messages.
public struct PromptReading: Sendable, Equatable, Codable {
    /// A template language whose tags name variables.
    public enum Template: String, Sendable, Codable, CaseIterable {
        /// Not a template: braces are text.
        case none
        /// Handlebars or mustache: `{{name}}`, `{{#each}}`.
        case handlebars
        /// Jinja2: `{{ name | filter }}`, `{% for %}`.
        case jinja
    }

    /// A key of a TOML or YAML prompt whose string value is a message, and the message's role.
    public struct MessageKey: Sendable, Equatable, Codable {
        /// The key, at any depth of the document.
        public var key: String
        /// The role of its message.
        public var role: String
    }

    /// The format to read the file in; nil: by its name.
    public var format: PromptFormat?
    /// The role of a Markdown or text file's one message.
    public var role: String
    /// The template language; nil: the format's own (none for Markdown and text unless the front matter
    /// declares one in `template` or `template_format`, Jinja for TOML and YAML).
    public var template: Template?
    /// The keys of a TOML or YAML prompt that are messages, in the order a table's messages take.
    public var messageKeys: [MessageKey]

    /// The role of a text file's message when `quill.yaml` sets none.
    public static let defaultRole = "user"
    /// The keys read as messages when `quill.yaml` sets none: the plain role names, and the template
    /// fields agent configurations use (SWE-agent's `system_template`, `instance_template`, …).
    public static let defaultMessageKeys: [MessageKey] = [
        ("system", "system"), ("system_prompt", "system"), ("system_template", "system"), ("developer", "developer"),
        ("instance_template", "user"), ("user", "user"), ("user_prompt", "user"), ("user_template", "user"), ("prompt", "user"),
        ("next_step_template", "user"), ("assistant", "assistant"),
    ].map { MessageKey(key: $0.0, role: $0.1) }

    /// Makes a reading; the defaults are those of a file no `formats` glob matches.
    public init(format: PromptFormat? = nil, role: String = PromptReading.defaultRole, template: Template? = nil,
                messageKeys: [MessageKey] = PromptReading.defaultMessageKeys) {
        self.format = format
        self.role = role
        self.template = template
        self.messageKeys = messageKeys
    }
}
