import Foundation
import QuillKit
import Testing

/// A file that must not parse, and the one line its error must read.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    var path: String
    var contents: String
    var expected: String

    init(_ path: String, _ contents: String, _ expected: String) {
        self.path = path
        self.contents = contents
        self.expected = expected
    }

    var testDescription: String { path }
}

@Suite("malformed prompt files name the file, line, column and what was expected")
struct MalformedPromptTests {
    private func error(_ data: Data, path: String, reading: PromptReading = PromptReading()) -> InputFileError? {
        #expect(throws: InputFileError.self) { try PromptParser.parse(data, path: path, reading: reading) }
        do {
            _ = try PromptParser.parse(data, path: path, reading: reading)
            return nil
        } catch {
            return error
        }
    }

    private func check(_ item: MalformedCase, reading: PromptReading = PromptReading()) {
        #expect(error(Data(item.contents.utf8), path: item.path, reading: reading)?.description == item.expected)
    }

    static let dotprompt: [MalformedCase] = [
        MalformedCase("a.prompt", "---\nmodel: x\nHello", "a.prompt:3:6: front matter opened on line 1 is never closed; expected a line '---'"),
        MalformedCase("b.prompt", "---\nmodel: [x\n---\nHi", "b.prompt:3:1: invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'"),
        MalformedCase("c.prompt", "---\n- a\n- b\n---\nHi", "c.prompt:2:1: front matter is a list; expected a mapping of keys to values"),
        MalformedCase("d.prompt", "Hello {{name", "d.prompt:1:7: '{{' is never closed; expected '}}'"),
        MalformedCase("e.prompt", "{{#each items}}\n- {{this}}\n", "e.prompt:1:1: block '{{#each}}' is never closed; expected '{{/each}}'"),
        MalformedCase("f.prompt", "{{#if a}}\n{{#each b}}x{{/if}}", "f.prompt:2:13: '{{/if}}' closes '{{#each}}' opened on line 2; expected '{{/each}}'"),
        MalformedCase("g.prompt", "text\n{{/if}}", "g.prompt:2:1: '{{/if}}' closes no open block; expected a '{{#if}}' before it"),
        MalformedCase("h.prompt", "{{role}}\nHi", "h.prompt:1:1: '{{role}}' without a quoted role name; expected a marker such as '{{role \"system\"}}'"),
        MalformedCase("i.prompt", "Hi {{ }}", "i.prompt:1:4: empty '{{}}'; expected a name or an expression between '{{' and '}}'"),
        MalformedCase("j.prompt", "{{else}}", "j.prompt:1:1: '{{else}}' outside a block; expected it between '{{#if}}' and '{{/if}}'"),
        MalformedCase("k.prompt", "{{!-- never closed }}", "k.prompt:1:1: '{{!--' is never closed; expected '--}}'"),
        MalformedCase("l.prompt", "{{{raw}}", "l.prompt:1:1: '{{{' is never closed; expected '}}}'"),
        MalformedCase("m.prompt", "---\nmodel: a\nmodel: b\n---\n", "m.prompt:2:1: invalid YAML: duplicate key 'model'; expected each key once in a mapping"),
    ]

    @Test("dotprompt", arguments: dotprompt)
    func dotpromptFiles(_ item: MalformedCase) { check(item) }

    static let humanloop: [MalformedCase] = [
        MalformedCase("a.prompt", "<user>\n  Hi\n", "a.prompt:1:1: tag '<user>' is never closed; expected '</user>'"),
        MalformedCase("b.prompt", "<user>\nHi\n</system>\n", "b.prompt:3:1: '</system>' closes '<user>' opened on line 1; expected '</user>'"),
        MalformedCase("c.prompt", "<system>\nBe kind\n<user>\nHi\n</user>\n", "c.prompt:3:1: '<user>' inside '<system>' opened on line 1; expected '</system>' first"),
        MalformedCase("d.prompt", "<user>Hi</user>\nstray text\n", "d.prompt:2:1: text outside a message; expected '<system>', '<user>', '<assistant>', '<tool>'"),
        MalformedCase("e.prompt", "<user>Hi</user>\n<bot>Hello</bot>\n", "e.prompt:2:1: text outside a message; expected '<system>', '<user>', '<assistant>', '<tool>'"),
        MalformedCase("f.prompt", "<user>Hi {{name</user>\n", "f.prompt:1:10: '{{' is never closed; expected '}}'"),
        MalformedCase("g.prompt", "---\nmodel: gpt-4o\n<user>Hi</user>\n", "g.prompt:3:16: front matter opened on line 1 is never closed; expected a line '---'"),
        MalformedCase("h.prompt", "---\nmodel: gpt-4o\n  provider: openai\n---\n<user>Hi</user>\n", "h.prompt:3:11: invalid YAML: mapping values are not allowed in this context"),
        MalformedCase("i.prompt", "<system>\n{{#if formal}}Be formal.\n</system>\n", "i.prompt:2:1: block '{{#if}}' is never closed; expected '{{/if}}'"),
        MalformedCase("j.prompt", "<user>\nHi\n</user>\n<assistant>\nHello\n", "j.prompt:4:1: tag '<assistant>' is never closed; expected '</assistant>'"),
        MalformedCase("k.prompt", "---\njust a string\n---\n<user>Hi</user>\n", "k.prompt:2:1: front matter is a string; expected a mapping of keys to values"),
    ]

    @Test("humanloop", arguments: humanloop)
    func humanloopFiles(_ item: MalformedCase) { check(item) }

    static let prompty: [MalformedCase] = [
        MalformedCase("a.prompty", "---\nname: x\nsystem:\nHi", "a.prompty:4:3: front matter opened on line 1 is never closed; expected a line '---'"),
        MalformedCase("b.prompty", "---\nname: x\n---\nsystem:\n{% for d in docs %}\n{{d}}\n", "b.prompty:5:1: block '{% for %}' is never closed; expected '{% endfor %}'"),
        MalformedCase("c.prompty", "{% if a %}x{% endfor %}", "c.prompty:1:12: '{% endfor %}' closes '{% if %}' opened on line 1; expected '{% endif %}'"),
        MalformedCase("d.prompty", "user:\n{{ question ", "d.prompty:2:1: '{{' is never closed; expected '}}'"),
        MalformedCase("e.prompty", "user:\n{% if x ", "e.prompty:2:1: '{%' is never closed; expected '%}'"),
        MalformedCase("f.prompty", "user:\n{# note ", "f.prompty:2:1: '{#' is never closed; expected '#}'"),
        MalformedCase("g.prompty", "user:\n{% endif %}", "g.prompty:2:1: '{% endif %}' closes no open block; expected a '{% if %}' before it"),
        MalformedCase("h.prompty", "user:\n{{ }}", "h.prompty:2:1: empty '{{ }}'; expected an expression between '{{' and '}}'"),
        MalformedCase("i.prompty", "user:\n{% %}", "i.prompty:2:1: empty '{% %}'; expected a statement such as 'if' or 'for'"),
        MalformedCase("j.prompty", "---\nmodel:\n  api: chat\n   bad: 1\n---\n", "j.prompty:4:7: invalid YAML: mapping values are not allowed in this context"),
        MalformedCase("k.prompty", "---\n42\n---\nuser:\nHi", "k.prompty:2:1: front matter is a number; expected a mapping of keys to values"),
        MalformedCase("l.prompty", "user:\n{% raw %}{{ x", "l.prompty:2:1: block '{% raw %}' is never closed; expected '{% endraw %}'"),
    ]

    @Test("prompty", arguments: prompty)
    func promptyFiles(_ item: MalformedCase) { check(item) }

    static let githubModels: [MalformedCase] = [
        MalformedCase("a.prompt.yml", "name: x\nmodel: openai/gpt-4o\n", "a.prompt.yml:1:1: no 'messages' key; expected a list of messages, each with 'role' and 'content'"),
        MalformedCase("b.prompt.yml", "messages: hello\n", "b.prompt.yml:1:11: 'messages' is a string; expected a list of messages, each with 'role' and 'content'"),
        MalformedCase("c.prompt.yml", "- role: user\n", "c.prompt.yml:1:1: document is a list; expected a mapping with 'messages'"),
        MalformedCase("d.prompt.yml", "messages:\n  - content: hi\n", "d.prompt.yml:2:5: message 1 has no 'role'; expected one of system, developer, user, assistant"),
        MalformedCase("e.prompt.yml", "messages:\n  - role: bot\n    content: hi\n", "e.prompt.yml:2:11: unknown role 'bot' in message 1; expected one of system, developer, user, assistant"),
        MalformedCase("f.prompt.yml", "messages:\n  - role: [user]\n    content: hi\n", "f.prompt.yml:2:11: role of message 1 is a list; expected one of system, developer, user, assistant"),
        MalformedCase("g.prompt.yml", "messages:\n  - role: user\n", "g.prompt.yml:2:5: message 1 has no 'content'; expected a string"),
        MalformedCase("h.prompt.yml", "messages:\n  - role: user\n    content:\n      a: b\n", "h.prompt.yml:4:7: content of message 1 is a mapping; expected a string"),
        MalformedCase("i.prompt.yml", "messages:\n  - just text\n", "i.prompt.yml:2:5: message 1 is a string; expected a mapping with 'role' and 'content'"),
        MalformedCase("j.prompt.yml", "messages:\n  - role: user\n    content: \"Hi {{name\"\n", "j.prompt.yml:3:14: in the content of message 1: '{{' is never closed; expected '}}'"),
        MalformedCase("k.prompt.yml", "messages: [\n", "k.prompt.yml:2:1: invalid YAML: while parsing a flow node, did not find expected node content"),
        MalformedCase("l.prompt.yml", "", "l.prompt.yml:1:1: empty file; expected a mapping with 'messages'"),
    ]

    @Test("github models", arguments: githubModels)
    func githubModelsFiles(_ item: MalformedCase) { check(item) }

    static let plainText: [MalformedCase] = [
        MalformedCase("a.md", "---\ntitle: x\n# Heading\n", "a.md:3:10: front matter opened on line 1 is never closed; expected a line '---'"),
        MalformedCase("b.md", "---\ntitle: \"x\n---\nBody", "b.md:3:1: invalid YAML: while scanning a quoted scalar, found unexpected end of stream"),
        MalformedCase("c.md", "---\n[1, 2]\n---\nBody", "c.md:2:1: front matter is a list; expected a mapping of keys to values"),
        MalformedCase("d.md", "# Title\n\nHello {{name\n", "d.md:3:7: '{{' is never closed; expected '}}'"),
        MalformedCase("e.md", "{{#each items}}\n* {{this}}\n", "e.md:1:1: block '{{#each}}' is never closed; expected '{{/each}}'"),
        MalformedCase("f.txt", "Hello {{{name}}", "f.txt:1:7: '{{{' is never closed; expected '}}}'"),
        MalformedCase("g.txt", "Hi\n{{/each}}", "g.txt:2:1: '{{/each}}' closes no open block; expected a '{{#each}}' before it"),
        MalformedCase("h.txt", "a\n  {{}}", "h.txt:2:3: empty '{{}}'; expected a name or an expression between '{{' and '}}'"),
        MalformedCase("i.txt", "---\n---\n{{#if x}}{{/unless}}", "i.txt:3:10: '{{/unless}}' closes '{{#if}}' opened on line 3; expected '{{/if}}'"),
        MalformedCase("j.notes", "line\n{{ open", "j.notes:2:1: '{{' is never closed; expected '}}'"),
        MalformedCase("k.md", "---\nkey: value\n\tbad: tab\n---\n", "k.md:3:1: invalid YAML: while scanning a plain scalar, found a tab character that violates indentation"),
    ]

    @Test("markdown and text declared Handlebars templates", arguments: plainText)
    func plainTextFiles(_ item: MalformedCase) { check(item, reading: PromptReading(template: .handlebars)) }

    @Test("braces in Markdown and text that no one declared a template are text", arguments: plainText.filter { !$0.contents.hasPrefix("---") })
    func bracesAreText(_ item: MalformedCase) throws {
        let prompt = try PromptParser.parse(Data(item.contents.utf8), path: item.path)
        #expect(prompt.variables.isEmpty)
        #expect(prompt.messages.count == 1)
    }

    static let json: [MalformedCase] = [
        MalformedCase("a.json", "", "a.json:1:1: invalid JSON: empty file; expected a value"),
        MalformedCase("b.json", "{\"messages\": [}", "b.json:1:15: invalid JSON: unexpected character '}'; expected a value"),
        MalformedCase("c.json", "{\"messages\": []", "c.json:1:16: invalid JSON: unexpected end of file; expected ',' or '}' in an object"),
        MalformedCase("d.json", "{\"messages\": \"hi\"}", "d.json:1:14: 'messages' is a string; expected an array of {role, content} objects"),
        MalformedCase("e.json", "{\"model\": \"gpt-4o\"}", "e.json:1:1: no 'messages' key; expected a messages array or an object with 'messages'"),
        MalformedCase("f.json", "[\n  {\"content\": \"hi\"}\n]", "f.json:2:3: message 1 has no 'role'; expected one of system, developer, user, assistant, tool, function"),
        MalformedCase("g.json", "[{\"role\": 1, \"content\": \"hi\"}]", "g.json:1:11: role of message 1 is a number; expected one of system, developer, user, assistant, tool, function"),
        MalformedCase("h.json", "[{\"role\": \"bot\", \"content\": \"hi\"}]", "h.json:1:11: unknown role 'bot' in message 1; expected one of system, developer, user, assistant, tool, function"),
        MalformedCase("i.json", "[\"hi\"]", "i.json:1:2: message 1 is a string; expected an object with 'role' and 'content'"),
        MalformedCase("j.json", "[{\"role\": \"user\", \"content\": 5}]", "j.json:1:30: content of message 1 is a number; expected a string or an array of content parts"),
        MalformedCase("k.json", "[{\"role\": \"user\", \"content\": \"hi]", "k.json:1:30: invalid JSON: string is never closed; expected '\"'"),
        MalformedCase("l.json", "42", "l.json:1:1: document is a number; expected a messages array or an object with 'messages'"),
        MalformedCase("m.json", "[] x", "m.json:1:4: invalid JSON: unexpected text after the JSON value; expected end of file"),
        MalformedCase("n.json", "{\"messages\": [{\"role\": \"user\" \"content\": \"x\"}]}", "n.json:1:31: invalid JSON: expected ',' or '}' after a value in an object"),
        MalformedCase("o.json", "[{\"role\": \"user\", \"content\": [\"x\"]}]", "o.json:1:31: content part of message 1 is a string; expected an object with 'type'"),
        MalformedCase("p.json", "[{\"role\": \"user\", \"content\": \"\\q\"}]", "p.json:1:31: invalid JSON: invalid escape '\\q'; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u"),
        MalformedCase("q.json", "[tru]", "q.json:1:2: invalid JSON: unknown literal 'tru'; expected true, false or null"),
        MalformedCase("r.json", "[01]", "r.json:1:2: invalid JSON: invalid number; expected digits without leading zeros"),
    ]

    @Test("chat json", arguments: json)
    func jsonFiles(_ item: MalformedCase) { check(item) }

    @Test("bytes that are not UTF-8 text are refused where they first go wrong", arguments: [
        (Data("line one\nab".utf8) + Data([0xC3, 0x28]), "bad.prompt:2:3: invalid UTF-8 byte 0xC3; expected UTF-8 text"),
        (Data("héllo ".utf8) + Data([0xFF]), "bad.prompt:1:7: invalid UTF-8 byte 0xFF; expected UTF-8 text"),
        (Data("ok\n\nxy".utf8) + Data([0x00, 0x01]), "bad.prompt:3:3: binary file: NUL byte; expected UTF-8 text"),
        (Data([0xED, 0xA0, 0x80]), "bad.prompt:1:1: invalid UTF-8 byte 0xED; expected UTF-8 text"),
    ])
    func binary(data: Data, expected: String) {
        #expect(error(data, path: "bad.prompt")?.description == expected)
    }

    @Test("the malformed fixtures fail with their recorded errors", arguments: [
        ("unclosed-front-matter.prompt", "malformed/unclosed-front-matter.prompt:6:17: front matter opened on line 1 is never closed; expected a line '---'"),
        ("unclosed-each.prompt", "malformed/unclosed-each.prompt:6:1: block '{{#each}}' is never closed; expected '{{/each}}'"),
        ("unclosed-tag.prompt", "malformed/unclosed-tag.prompt:9:1: tag '<user>' is never closed; expected '</user>'"),
        ("for-without-endfor.prompty", "malformed/for-without-endfor.prompty:7:1: block '{% for %}' is never closed; expected '{% endfor %}'"),
        ("no-messages.prompt.yml", "malformed/no-messages.prompt.yml:1:1: no 'messages' key; expected a list of messages, each with 'role' and 'content'"),
        ("unknown-role.json", "malformed/unknown-role.json:4:13: unknown role 'bot' in message 2; expected one of system, developer, user, assistant, tool, function"),
    ])
    func fixtures(name: String, expected: String) throws {
        #expect(error(try Fixtures.data("malformed/\(name)"), path: "malformed/\(name)")?.description == expected)
    }
}
