import Foundation

/// Turns a command's result into text for people or JSON for programs; the JSON is the same data.
protocol TextRenderable: Encodable {
    /// The text form, coloured through `terminal`.
    func renderText(_ terminal: Terminal) -> String
}

/// A result with its own GitHub-flavoured markdown form, fit to paste into a pull-request comment.
protocol MarkdownRenderable: TextRenderable {
    /// The markdown form.
    func renderMarkdown() -> String
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
            Console.out(try json(value))
        }
    }

    /// Stable JSON: sorted keys, pretty-printed, no escaped slashes.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
