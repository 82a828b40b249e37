import Foundation
import QuillKit
import Testing

@Suite("prompt files of every format")
struct PromptParserFixtureTests {
    private func parse(_ name: String, reading: PromptReading = PromptReading()) throws -> Prompt {
        try PromptParser.parse(Fixtures.data("prompts/\(name)"), path: "prompts/\(name)", reading: reading)
    }

    @Test("a dotprompt support agent splits at role markers and lists the inputs it uses")
    func dotprompt() throws {
        let prompt = try parse("support-agent.prompt")
        #expect(prompt.format == .dotprompt)
        #expect(prompt.model == "googleai/gemini-1.5-flash")
        #expect(prompt.frontMatter?["config"]?["temperature"] == .double(0.3))
        #expect(prompt.frontMatter?["config"]?["maxOutputTokens"] == .int(800))
        #expect(prompt.messages.map(\.role) == ["system", "user"])
        #expect(prompt.messages.map(\.startLine) == [12, 17])
        #expect(prompt.messages.map(\.endLine) == [15, 25])
        #expect(prompt.messages[0].text == """
            You are a support agent for Acme Outfitters. Be concise and friendly.
            {{! internal: keep tone consistent with brand guide }}
            Customer: {{customer.name}} ({{customer.tier}} tier)
            """)
        #expect(prompt.variables == ["customer", "orders", "question"])
    }

    @Test("a prompty RAG prompt reads its sections, its Jinja inputs and its Azure deployment")
    func prompty() throws {
        let prompt = try parse("rag-answer.prompty")
        #expect(prompt.format == .prompty)
        #expect(prompt.model == "gpt-4o-mini")
        #expect(prompt.frontMatter?["name"] == .string("RAG Answer"))
        #expect(prompt.frontMatter?["model"]?["configuration"]?["azure_endpoint"] == .string("${env:AZURE_OPENAI_ENDPOINT}"))
        #expect(prompt.frontMatter?["sample"] == .string("${file:sample.json}"))
        #expect(prompt.messages.map(\.role) == ["system", "user"])
        #expect(prompt.messages.map(\.startLine) == [22, 31])
        #expect(prompt.messages.map(\.endLine) == [29, 32])
        #expect(prompt.messages[1].text == "{{question}}")
        #expect(prompt.variables == ["documents", "question"])
    }

    @Test("a JSON classifier keeps its model parameters as front matter and joins text parts")
    func chatJSON() throws {
        let prompt = try parse("ticket-classifier.json")
        #expect(prompt.format == .json)
        #expect(prompt.model == "gpt-4o-mini")
        #expect(prompt.frontMatter?["temperature"] == .int(0))
        #expect(prompt.frontMatter?["response_format"]?["type"] == .string("json_object"))
        #expect(prompt.frontMatter?["messages"] == nil)
        #expect(prompt.messages.map(\.role) == ["system", "user"])
        #expect(prompt.messages.map(\.startLine) == [6, 10])
        #expect(prompt.messages.map(\.endLine) == [9, 16])
        #expect(prompt.messages[1].text == "Ticket subject: {{subject}}\nTicket body: {{body}}")
        #expect(prompt.variables == ["categories", "subject", "body"])
    }

    @Test("a GitHub Models file takes its messages from 'messages' and the rest as front matter")
    func githubModels() throws {
        let prompt = try parse("triage.prompt.yml")
        #expect(prompt.format == .githubModels)
        #expect(prompt.model == "openai/gpt-4o-mini")
        #expect(prompt.frontMatter?["modelParameters"]?["temperature"] == .double(0.2))
        #expect(prompt.frontMatter?["testData"]?.arrayValue?.count == 1)
        #expect(prompt.frontMatter?["messages"] == nil)
        #expect(prompt.messages.map(\.role) == ["system", "user"])
        #expect(prompt.messages.map(\.startLine) == [7, 12])
        #expect(prompt.messages.map(\.endLine) == [10, 13])
        #expect(prompt.messages[0].text == "You route support tickets to one of: billing, shipping, product.\nAnswer with the team name only.\n")
        #expect(prompt.variables == ["ticket"])
    }

    @Test("a Humanloop prompt is told from Dotprompt by its tags and its text is dedented")
    func humanloop() throws {
        let prompt = try parse("support-humanloop.prompt")
        #expect(prompt.format == .humanloop)
        #expect(prompt.model == "gpt-4o")
        #expect(prompt.frontMatter?["max_tokens"] == .int(-1))
        #expect(prompt.messages.map(\.role) == ["system", "user"])
        #expect(prompt.messages.map(\.startLine) == [8, 13])
        #expect(prompt.messages.map(\.endLine) == [11, 15])
        #expect(prompt.messages[0].text == "You are a helpful support assistant for {{ company }}.\nAnswer in {{ language }}.")
        #expect(prompt.variables == ["company", "language", "question"])
    }

    @Test("markdown and text prompts are one user message after the front matter")
    func plainText() throws {
        let markdown = try parse("release-notes.md")
        #expect(markdown.format == .markdown)
        #expect(markdown.model == "claude-3-5-sonnet")
        #expect(markdown.messages.map(\.role) == ["user"])
        #expect(markdown.messages.map(\.startLine) == [5])
        #expect(markdown.messages.map(\.endLine) == [9])
        #expect(markdown.variables == [])
        #expect(try parse("release-notes.md", reading: PromptReading(template: .handlebars)).variables == ["version", "commits"])
        let system = try parse("release-notes.md", reading: PromptReading(role: "system"))
        #expect(system.messages.map(\.role) == ["system"])
        let text = try parse("summarise.txt", reading: PromptReading(template: .handlebars))
        #expect(text.format == .text)
        #expect(text.frontMatter == nil)
        #expect(text.model == nil)
        #expect(text.messages == [PromptMessage(role: "user", text: "Summarise the following text in {{ max_words }} words:\n\n{{text}}", startLine: 1, endLine: 3)])
        #expect(text.variables == ["max_words", "text"])
    }

    @Test("every valid fixture parses in the format its name gives", arguments: [
        ("support-agent.prompt", PromptFormat.dotprompt), ("rag-answer.prompty", .prompty),
        ("ticket-classifier.json", .json), ("triage.prompt.yml", .githubModels),
        ("support-humanloop.prompt", .humanloop), ("release-notes.md", .markdown), ("summarise.txt", .text),
    ])
    func everyFixture(name: String, format: PromptFormat) throws {
        #expect(try parse(name).format == format)
    }
}
