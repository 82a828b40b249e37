import Mustache
import QuillKit

extension DriftReport {
    /// One self-contained HTML page (nothing fetched, no script): the outcome and the checks, then
    /// a section per statistic with its tables. Every value goes through the template's HTML escaping.
    func renderHTML() -> String {
        DriftPage.template.render(DriftPageModel(self), library: DriftPage.library)
    }
}

/// The Mustache template of the drift report.
enum DriftPage {
    static let library = HTMLPage.library()

    static let template = HTMLPage.template(pageTemplate)

    static let pageTemplate = """
        {{> head}}
        tr.crossed td{background:#ffebe9}td.n{text-align:right}h3{font-size:14px;margin:14px 0 4px}
        </style>
        </head>
        <body>
        <header class="{{outcomeClass}}">
        <h1>quill drift: {{outcome}}</h1>
        <p>A (baseline) <code>{{a}}</code></p>
        <p>B <code>{{b}}</code></p>
        </header>
        {{#hasChecks}}
        <h2>Limits</h2>
        <table><thead><tr><th>limit</th><th>value</th><th>threshold</th><th>result</th><th>rule</th></tr></thead><tbody>
        {{#checks}}<tr class="{{rowClass}}">{{#cells}}<td>{{.}}</td>{{/cells}}</tr>
        {{/checks}}
        </tbody></table>
        {{/hasChecks}}
        {{#sections}}
        <section>
        <h2>{{title}}</h2>
        <p>{{summary}}</p>
        {{#tables}}
        {{#title}}<h3>{{title}}</h3>{{/title}}
        <table><thead><tr>{{#header}}<th>{{.}}</th>{{/header}}</tr></thead><tbody>
        {{#rows}}<tr>{{#.}}<td>{{.}}</td>{{/.}}</tr>
        {{/rows}}
        </tbody></table>
        {{/tables}}
        </section>
        {{/sections}}
        </body>
        </html>

        """
}
