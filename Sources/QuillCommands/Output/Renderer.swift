import Foundation

/// Turns a command's result into text for people or JSON for programs; the JSON is the same data.
protocol TextRenderable: Encodable {
    /// The schema the JSON form follows.
    static var schema: OutputSchema { get }

    /// The text form, coloured through `terminal`.
    func renderText(_ terminal: Terminal) -> String

    /// The JSON form written directly (`JSONTextWritable`), or `nil` to have `JSONEncoder` write it.
    func jsonText(schema: String) -> JSONText?
}

extension TextRenderable {
    func jsonText(schema: String) -> JSONText? { nil }
}

/// A result with its own GitHub-flavoured markdown form, fit to paste into a pull-request comment.
protocol MarkdownRenderable: TextRenderable {
    /// The markdown form.
    func renderMarkdown() -> String
}

/// A report with the two formats of `quill review` and `quill drift` beside text, markdown and JSON:
/// one self-contained HTML page, and GitHub workflow commands.
protocol ReportRenderable: MarkdownRenderable {
    func renderHTML() -> String
    func renderGitHubCommands() -> String
}

enum Renderer {
    /// Prints `value` to stdout in `format`; a result without a markdown form prints its plain text
    /// in a fenced block.
    static func print(_ value: some TextRenderable, format: OutputFormat) throws {
        switch format {
        case .text:
            let text = value.renderText(.current)
            if !text.isEmpty { Console.out(text) }
        case .markdown:
            if let value = value as? any MarkdownRenderable {
                Console.out(value.renderMarkdown())
            } else {
                Console.out("```\n" + value.renderText(Terminal(usesColor: false)) + "\n```")
            }
        case .json:
            if var text = value.jsonText(schema: type(of: value).schema.identifier) {
                text.newline()
                Console.out(bytes: text.bytes)
            } else {
                Console.out(try json(value))
            }
        }
    }

    /// Prints a report to stdout in `format`.
    static func print(_ report: some ReportRenderable, format: ReportFormat) throws {
        switch format {
        case .text: try print(report, format: OutputFormat.text)
        case .markdown: try print(report, format: OutputFormat.markdown)
        case .json: try print(report, format: OutputFormat.json)
        case .html: Console.out(report.renderHTML())
        case .github: Console.out(report.renderGitHubCommands())
        }
    }

    /// Stable JSON: sorted keys, pretty-printed, no escaped slashes, and the top-level `schema` key
    /// naming the schema the value follows (docs/commands.md, docs/schemas/).
    static func json<Value: TextRenderable>(_ value: Value) throws -> String {
        if let text = value.jsonText(schema: Value.schema.identifier) { return String(decoding: text.bytes, as: UTF8.self) }
        return try encodedJSON(value)
    }

    /// The JSON form as `JSONEncoder` writes it; `json(_:)` gives the same bytes faster for a
    /// `JSONTextWritable` result.
    static func encodedJSON<Value: TextRenderable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Stamped(value: value, schema: Value.schema.identifier)), as: UTF8.self)
    }

    /// A result encoded with one more key at its top level, `schema`.
    private struct Stamped<Value: Encodable>: Encodable {
        let value: Value
        let schema: String

        private enum Key: String, CodingKey { case schema }

        func encode(to encoder: any Encoder) throws {
            try value.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(schema, forKey: .schema)
        }
    }
}
