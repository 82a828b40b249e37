import Foundation

/// Turns a command's result into text for people or JSON for programs; the JSON is the same data.
protocol TextRenderable: Encodable {
    /// The text form, coloured through `terminal`.
    func renderText(_ terminal: Terminal) -> String
}

enum Renderer {
    /// Prints `value` to stdout in `format`.
    static func print(_ value: some TextRenderable, format: OutputFormat) throws {
        switch format {
        case .text:
            let text = value.renderText(.current)
            if !text.isEmpty { Console.out(text) }
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
