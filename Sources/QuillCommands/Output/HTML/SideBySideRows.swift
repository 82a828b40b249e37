import QuillKit

/// The rows of a side-by-side diff table (`<tr>` elements, the old line on the left, the new on the
/// right), written once per diff rather than drawn line by line by the page's template: a template
/// pays a look-up of about a microsecond for every value it prints, and a 200-prompt review page
/// prints about 6,000 of them in its diffs alone. A page inserts the rows unescaped (`{{{rows}}}`);
/// every piece of text from the diff goes through `HTMLEscaping`, the escaping the templates use,
/// and the rest is this file's fixed markup and line numbers.
enum SideBySideRows {
    /// The rows of `diff`, each ending in a newline: a hunk header, then its lines, a changed line
    /// with its words marked (`del` on the left, `add` on the right).
    static func html(_ diff: TextDiff) -> String {
        var html = ""
        for hunk in diff.hunks {
            html += #"<tr class="hunk"><td class="n"></td><td class="t"><span class="">"#
            html += "@@ -\(hunk.oldStart),\(hunk.oldCount) +\(hunk.newStart),\(hunk.newCount) @@"
            html += #"</span></td><td class="n"></td><td class="t"></td></tr>"# + "\n"
            for line in hunk.lines { append(line, to: &html) }
        }
        return html
    }

    private static func append(_ line: TextDiff.Line, to html: inout String) {
        let old = line.oldLine.map(String.init) ?? ""
        let new = line.newLine.map(String.init) ?? ""
        switch line.kind {
        case .context:
            let text = escaped(line.text)
            html += #"<tr class="context"><td class="n">\#(old)</td><td class="t"><span class="">\#(text)</span></td>"#
            html += #"<td class="n">\#(new)</td><td class="t"><span class="">\#(text)</span></td></tr>"# + "\n"
        case .removed:
            html += #"<tr class="removed"><td class="n">\#(old)</td><td class="t"><span class="">\#(escaped(line.text))</span></td>"#
            html += #"<td class="n"></td><td class="t"></td></tr>"# + "\n"
        case .added:
            html += #"<tr class="added"><td class="n"></td><td class="t"></td>"#
            html += #"<td class="n">\#(new)</td><td class="t"><span class="">\#(escaped(line.text))</span></td></tr>"# + "\n"
        case .changed:
            let words = line.words ?? []
            html += #"<tr class="changed"><td class="n">\#(old)</td><td class="t">"#
            for word in words where word.kind != .added { appendSpan(word.text, mark: word.kind == .removed ? "del" : "", to: &html) }
            html += #"</td><td class="n">\#(new)</td><td class="t">"#
            for word in words where word.kind != .removed { appendSpan(word.text, mark: word.kind == .added ? "add" : "", to: &html) }
            html += "</td></tr>\n"
        }
    }

    private static func appendSpan(_ text: String, mark: String, to html: inout String) {
        html += #"<span class="\#(mark)">\#(escaped(text))</span>"#
    }

    /// Text from the diff as the page shows it: control characters made visible, then HTML-escaped.
    private static func escaped(_ text: String) -> String {
        HTMLEscaping.escaped(Markdown.visible(text))
    }
}
