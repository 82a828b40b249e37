import Mustache

/// What every HTML report of Quill shares: the document head, with a content security policy that
/// forbids scripts, fonts and anything fetched, and the base stylesheet (page, headings, the gate's
/// header, tables). A page template starts with `{{> head}}`, adds its own rules, and closes the
/// `<style>` element; its model gives `title`.
enum HTMLPage {
    /// A Mustache library holding the `head` partial; pages register their own partials beside it
    /// with `register(_:named:in:)`.
    static func library() -> MustacheLibrary {
        var library = MustacheLibrary()
        register(head, named: "head", in: &library)
        return library
    }

    /// The template of `text`, its values escaped by `HTMLEscaping`.
    static func template(_ text: String) -> MustacheTemplate {
        _ = escaping
        return try! MustacheTemplate(string: escapingPragma + text)
    }

    /// Adds the partial `text` to `library`, its values escaped by `HTMLEscaping`.
    static func register(_ text: String, named name: String, in library: inout MustacheLibrary) {
        _ = escaping
        try! library.register(escapingPragma + text, named: name)
    }

    /// A line of its own, which Mustache drops from the output.
    private static let escapingPragma = "{{% CONTENT_TYPE: \(HTMLEscaping.name)}}\n"

    /// Registers `HTMLEscaping` (once) before a template names it.
    private static let escaping: Void = MustacheContentTypes.register(HTMLEscaping(), named: HTMLEscaping.name)

    static let head = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1200px;padding:0 16px;color:#1f2328;background:#fff}
        h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 8px}code,.t,.n{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12.5px}
        header{border-radius:8px;padding:14px 18px;border:1px solid #d0d7de}header.failed{background:#ffebe9;border-color:#ff8182}header.passed{background:#dafbe1;border-color:#4ac26b}
        .rule{color:#59636e}table{border-collapse:collapse;margin:8px 0;width:100%}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}

        """
}
