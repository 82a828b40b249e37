import QuillKit
import Testing

@Suite("Files a prompt includes")
struct PromptIncludesTests {
    @Test("Prompty file references and Jinja tags resolve against the prompt's folder")
    func fileReferencesAndJinja() {
        let text = """
            ---
            sample: ${file:samples/basic.json}
            shared: ${file:../shared/policy.md}
            escape: ${file:../../../etc/passwd}
            ---
            {% include "parts/header.jinja" %}
            {%- extends 'base.jinja' %}
            {% from "../macros.jinja" import card %}
            {{ question }}
            """
        #expect(PromptIncludes.paths(in: text, promptPath: "prompts/support/answer.prompty") == [
            "prompts/macros.jinja", "prompts/shared/policy.md", "prompts/support/base.jinja",
            "prompts/support/parts/header.jinja", "prompts/support/samples/basic.json",
        ])
    }

    @Test("a Dotprompt partial may be in the prompt's folder or any folder above it")
    func partials() {
        let text = "{{role \"system\"}}\n{{> tone}}\n{{>styles/formal name=\"x\"}}\n{{question}}\n"
        #expect(PromptIncludes.paths(in: text, promptPath: "prompts/faq/a.prompt") == [
            "_tone.prompt", "prompts/_tone.prompt", "prompts/faq/_tone.prompt",
            "prompts/faq/styles/_formal.prompt", "prompts/styles/_formal.prompt", "styles/_formal.prompt",
        ])
    }

    @Test("a prompt without references includes nothing; absolute paths are dropped")
    func none() {
        #expect(PromptIncludes.paths(in: "Answer {{question}} using ${env:API_KEY}.\n", promptPath: "prompts/a.md").isEmpty)
        #expect(PromptIncludes.paths(in: "${file:/etc/hosts}", promptPath: "a.prompty").isEmpty)
    }
}
