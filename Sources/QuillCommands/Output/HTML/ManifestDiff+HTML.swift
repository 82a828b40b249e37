import Mustache
import QuillKit

extension ManifestDiff {
    /// One self-contained HTML page (nothing fetched, no script): the summary, changed settings, the
    /// documents added, removed and changed, and a side-by-side word diff of each changed text.
    func renderHTML() -> String {
        ManifestDiffPage.template.render(ManifestDiffPage.Model(self))
    }
}

/// The Mustache page of a manifest diff; diffs use the review page's side-by-side rows (`SideBySideRows`).
enum ManifestDiffPage {
    struct Setting {
        let path: String
        let old: String
        let new: String
    }

    struct Entry {
        let kind: String
        let id: String
        let detail: String
        /// The side-by-side diff's rows, escaped where they are written.
        let rows: String
        let hasRows: Bool
    }

    struct Model {
        let title: String
        let summary: String
        let settings: [Setting]
        let entries: [Entry]
        let hasSettings: Bool

        init(_ diff: ManifestDiff) {
            title = "Manifest \(diff.from.prefix(12)) → \(diff.to.prefix(12))"
            summary = diff.summary
            settings = diff.settings.map { Setting(path: $0.path, old: DiffCells.value($0.old), new: DiffCells.value($0.new)) }
            hasSettings = !settings.isEmpty
            entries = diff.added.map { Entry(kind: "added", id: Markdown.visible($0.id), detail: "\($0.size) bytes", rows: "", hasRows: false) }
                + diff.removed.map { Entry(kind: "removed", id: Markdown.visible($0.id), detail: "\($0.size) bytes", rows: "", hasRows: false) }
                + diff.changed.map {
                    let rows = $0.text.map(SideBySideRows.html) ?? ""
                    return Entry(kind: "changed", id: Markdown.visible($0.id), detail: "\($0.fromSize) → \($0.toSize) bytes", rows: rows, hasRows: !rows.isEmpty)
                }
        }
    }

    static let template = HTMLPage.template("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>{{title}}</title>
        <style>
        body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1200px;padding:0 16px}
        table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:2px 6px;vertical-align:top}
        .t{font-family:ui-monospace,monospace;white-space:pre-wrap}.del{background:#ffcecb}.add{background:#aceebb}
        .removed .t{background:#ffebe9}.added .t{background:#e6ffec}.hunk{color:#57606a}
        </style>
        </head>
        <body>
        <h1>{{title}}</h1>
        <p>{{summary}}</p>
        {{#hasSettings}}<h2>Settings</h2><table><tr><th>setting</th><th>old</th><th>new</th></tr>{{/hasSettings}}
        {{#settings}}<tr><td>{{path}}</td><td>{{old}}</td><td>{{new}}</td></tr>{{/settings}}
        {{#hasSettings}}</table>{{/hasSettings}}
        <h2>Documents</h2>
        {{#entries}}<h3 class="{{kind}}">{{kind}}: {{id}} <small>{{detail}}</small></h3>
        {{#hasRows}}<table>{{{rows}}}</table>{{/hasRows}}
        {{/entries}}
        </body>
        </html>
        """)
}
