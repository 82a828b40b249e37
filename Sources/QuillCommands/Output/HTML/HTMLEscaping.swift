import Mustache

/// The HTML escaping of Quill's templates: `&`, `<`, `>`, `"` and `'` replaced in the UTF-8 bytes.
/// swift-mustache's own escaping compares Characters, so a quote or `<` followed by a combining mark
/// (U+0301, U+0338) is one Character that matches none of them and goes out raw, closing an
/// attribute or opening a tag. `HTMLPage` puts `{{% CONTENT_TYPE: QUILL_HTML}}` on the first line of
/// every template and partial (a partial starts again from Mustache's own escaping).
struct HTMLEscaping: MustacheContentType {
    /// The name the pragma uses; registered before any template is parsed (`HTMLPage.template`).
    static let name = "QUILL_HTML"

    func escapeText(_ text: String) -> String {
        Self.escaped(text)
    }

    /// `text` with its five special bytes replaced by their entities; `text` itself when it has none.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { entity($0) != nil }) else { return text }
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            if let entity = entity(byte) { bytes.append(contentsOf: entity.utf8) } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func entity(_ byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }
}
