import Foundation
import QuillKit
import Testing

@Suite("template variables")
struct TemplateVariableTests {
    private func variables(_ body: String, path: String) throws -> [String] {
        try PromptParser.parse(Data(body.utf8), path: path).variables
    }

    @Test("handlebars lists top-level inputs only, in first-use order", arguments: [
        ("{{name}} {{name}} {{other}}", ["name", "other"]),
        ("{{user.name}} {{{raw}}} {{~trim~}}", ["user", "raw", "trim"]),
        ("{{#each items}}{{title}} {{this}} {{@index}} {{.}} {{../tone}}{{/each}}", ["items", "tone"]),
        ("{{#each items as |item|}}{{item.x}}{{@root.locale}}{{/each}}", ["items", "locale"]),
        ("{{#if vip}}{{greeting}}{{else if regular}}hi{{/if}}", ["vip", "greeting", "regular"]),
        ("{{> header title}} {{! note }} {{!-- {{hidden}} --}}", ["title"]),
        ("{{history}} {{media url=photo}} {{role \"user\"}} {{json data indent=2}}", ["photo", "data"]),
        ("{{lookup map (concat key \"x\")}} \\{{literal}} {{true}} {{42}}", ["map", "key"]),
    ])
    func handlebars(body: String, expected: [String]) throws {
        #expect(try variables(body, path: "t.prompt") == expected)
    }

    @Test("jinja lists free names, not loop targets, filters, attributes or calls", arguments: [
        ("{{ question }} {{ question|upper }}", ["question"]),
        ("{% for doc in documents %}{{ doc.title }} {{ loop.index }}{% endfor %}", ["documents"]),
        ("{% if user is defined and user.age > limit %}x{% endif %}", ["user", "limit"]),
        ("{% set total = items|length %}{{ total }} {{ range(3) }}", ["items"]),
        ("{{ name|default(fallback) }} {# {{ hidden }} #} {% raw %}{{ raw }}{% endraw %}", ["name", "fallback"]),
        ("{% macro row(cell, width=4) %}{{ cell }}{{ pad }}{% endmacro %}{{ row(value) }}", ["pad", "value"]),
        ("{{ 'quoted' ~ suffix }} {{ x if flag else none }}", ["suffix", "x", "flag"]),
    ])
    func jinja(body: String, expected: [String]) throws {
        #expect(try variables(body, path: "t.prompty") == expected)
    }

    @Test("prompty role headings may be markdown headings and any case; other lines stay text")
    func promptyHeadings() throws {
        let prompt = try PromptParser.parse(Data("Intro\n# System:\nBe kind.\nUSER:\nHi\nnarrator:\nstill user\n".utf8), path: "p.prompty")
        #expect(prompt.messages.map(\.role) == ["system", "system", "user"])
        #expect(prompt.messages.last?.text == "Hi\nnarrator:\nstill user")
    }

    @Test("recognises formats by file name")
    func formats() {
        #expect(PromptParser.format(forPath: "a/b.prompt") == .dotprompt)
        #expect(PromptParser.format(forPath: "a/B.PROMPTY") == .prompty)
        #expect(PromptParser.format(forPath: "x.prompt.yml") == .githubModels)
        #expect(PromptParser.format(forPath: "x.prompt.yaml") == .githubModels)
        #expect(PromptParser.format(forPath: "notes.markdown") == .markdown)
        #expect(PromptParser.format(forPath: "x.txt") == .text)
        #expect(PromptParser.format(forPath: "x.json") == .json)
        #expect(PromptParser.format(forPath: "x.yml") == .yaml)
        #expect(PromptParser.format(forPath: "agents/x.toml") == .toml)
        #expect(PromptParser.format(forPath: "prompt") == nil)
    }

    @Test("prompty derives the model from every front-matter generation", arguments: [
        ("model: gpt-4o\n", "gpt-4o"),
        ("model:\n  id: gpt-4.1\n", "gpt-4.1"),
        ("model:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-35-turbo\n", "gpt-35-turbo"),
        ("model:\n  configuration:\n    model: o3-mini\n  options:\n    temperature: 1\n", "o3-mini"),
    ])
    func promptyModel(frontMatter: String, expected: String) throws {
        let prompt = try PromptParser.parse(Data("---\n\(frontMatter)---\nuser:\nHi\n".utf8), path: "p.prompty")
        #expect(prompt.model == expected)
    }
}
