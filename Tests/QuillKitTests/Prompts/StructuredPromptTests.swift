import Foundation
@testable import QuillKit
import Testing

/// TOML prompt tables and YAML template configurations read as prompts, and `quill.yaml`'s `formats`.
@Suite("TOML and YAML prompts, and formats per glob")
struct StructuredPromptTests {
    private func parse(_ text: String, path: String, reading: PromptReading = PromptReading()) throws -> Prompt {
        try PromptParser.parse(Data(text.utf8), path: path, reading: reading)
    }

    @Test("a TOML prompt table: multi-line strings are messages, the rest metadata, Jinja variables without filters")
    func tomlTable() throws {
        let text = """
            model = "gpt-4o"
            temperature = 0.2

            [review]
            system = \"\"\"
            You review code.
              Keep indentation.\"\"\"
            user = '''
            Review {{ diff | trim }} for {{ files[0:3] | join(", ") }}.
            {% for f in files %}{{ f.name }}{% endfor %}'''

            [[examples]]
            input = "a"
            """
        let prompt = try parse(text, path: "agents/review.toml")
        #expect(prompt.format == .toml)
        #expect(prompt.model == "gpt-4o")
        #expect(prompt.messages.map(\.role) == ["system", "user"])
        #expect(prompt.messages.first?.text == "You review code.\n  Keep indentation.")
        #expect(prompt.messages.map(\.startLine) == [5, 8])
        #expect(prompt.variables == ["diff", "files"])
        #expect(prompt.frontMatter?["temperature"] == .double(0.2))
        #expect(prompt.frontMatter?["examples"] == .array([.mapping([(key: "input", value: .string("a"))])]))
        #expect(prompt.frontMatter?["review"] == .mapping([]))
    }

    @Test("a YAML agent configuration: nested template fields are messages in the order of the message keys")
    func yamlTemplates() throws {
        let text = """
            agent:
              templates:
                instance_template: |-
                  {% set n = 3 %}Solve {{problem_statement}} in {{ n }} steps.
                  {{ working_dir }}
                system_template: You are an agent in {{ env.name }}.
              model:
                name: gpt-4o
            """
        let prompt = try parse(text, path: "config/default.yaml")
        #expect(prompt.format == .yaml)
        #expect(prompt.messages.map(\.role) == ["system", "user"])
        #expect(prompt.messages.map(\.startLine) == [6, 3])
        #expect(prompt.variables == ["env", "problem_statement", "working_dir"])
        #expect(prompt.frontMatter?["agent"]?["templates"] == .mapping([]))
    }

    @Test("a message starts on its key's line as the parser places it, not where the text first looks like the key")
    func messageLinesFromTheParser() throws {
        let toml = """
            [a]
            system = \"\"\"
            user = is text in a multi-line string
            \"\"\"
            [b]
            user = "Hello"
            [c]
            'user' = "Hi"
            """
        #expect(try parse(toml, path: "p.toml").messages.map(\.startLine) == [2, 6, 8])
        let yaml = """
            notes: |
              system: this line is text
            steps:
              - user: first
              - "system": second
            """
        #expect(try parse(yaml, path: "p.yaml").messages.map(\.startLine) == [4, 5])
    }

    @Test("braces that are not Jinja name no variable unless a template language is declared")
    func undeclaredBraces() throws {
        let text = "system = \"Reply as JSON: {{\\\"answer\\\": ...\"\n"
        #expect(try parse(text, path: "p.toml").variables == [])
        let error = #expect(throws: InputFileError.self) { try parse(text, path: "p.toml", reading: PromptReading(template: .jinja)) }
        #expect(error?.description == "p.toml:1:1: in the content of message 0: '{{' is never closed; expected '}}'")
    }

    @Test("message keys and their roles come from the reading")
    func configuredKeys() throws {
        let reading = PromptReading(messageKeys: [.init(key: "instructions", role: "developer"), .init(key: "question", role: "user")])
        let prompt = try parse("question: Why {{x}}?\ninstructions: Be terse.\nsystem: ignored as metadata\n", path: "q.yml", reading: reading)
        #expect(prompt.messages.map(\.role) == ["developer", "user"])
        #expect(prompt.frontMatter == .mapping([(key: "system", value: .string("ignored as metadata"))]))
    }

    @Test("quill.yaml formats: the first matching glob sets format, role, template and message keys")
    func configFormats() throws {
        let yaml = """
            formats:
              "prompts/system/**":
                role: System
                template: jinja
              "prompts/**/*.cfg":
                format: yaml
                messages: {sys: system}
            """
        let config = try QuillConfig.parse(Data(yaml.utf8), path: "quill.yaml")
        #expect(config.reading(for: "prompts/system/a/b.md") == PromptReading(role: "system", template: .jinja))
        #expect(config.reading(for: "prompts/x.cfg") == PromptReading(format: .yaml, messageKeys: [.init(key: "sys", role: "system")]))
        #expect(config.reading(for: "prompts/x.md") == PromptReading())
        let prompt = try parse("Hi {{ name | upper }}", path: "prompts/system/a.md", reading: config.reading(for: "prompts/system/a.md"))
        #expect(prompt.messages.map(\.role) == ["system"])
        #expect(prompt.variables == ["name"])
    }

    @Test("bad formats entries name quill.yaml, the line and what was expected", arguments: [
        ("formats: [a]\n", "quill.yaml:1:10: 'formats' is a list; expected a mapping from glob to {format, role, template, messages}"),
        ("formats:\n  \"a/**\":\n    template: liquid\n", "quill.yaml:3:15: 'template' of 'a/**' is not one of none, handlebars, jinja; expected one of them"),
        ("formats:\n  \"/etc/**\": {}\n", "quill.yaml:2:3: prompt glob '/etc/**' is an absolute path; expected a glob relative to the repository's root, such as \"prompts/**\""),
        ("formats:\n  \"a/**\": {colour: red}\n", "quill.yaml:2:12: unknown key 'colour' in the format of 'a/**'; expected one of format, role, template, messages"),
    ])
    func badFormats(text: String, expected: String) {
        let error = #expect(throws: InputFileError.self) { try QuillConfig.parse(Data(text.utf8), path: "quill.yaml") }
        #expect(error?.description == expected)
    }

    @Test("a front matter declares the template language of a Markdown prompt")
    func declaredInFrontMatter() throws {
        let prompt = try parse("---\ntemplate: handlebars\n---\nHi {{name}}, see {{#each x}}{{this}}{{/each}}", path: "a.md")
        #expect(prompt.variables == ["name", "x"])
        let prose = try parse("Use `{{}}` or {{/close}} and {{ — }} freely; `&addTool`.", path: "b.md")
        #expect(prose.variables.isEmpty)
        #expect(prose.messages.count == 1)
    }
}
