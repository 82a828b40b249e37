import Mustache
import QuillKit

extension ReviewReport {
    /// One self-contained HTML page (no script, no font, nothing fetched; a content security policy
    /// forbids all of it): the gate, a summary table, then per prompt its score table with intervals,
    /// a chart of each metric along the prompt's history as inline SVG, and a side-by-side diff.
    /// Every value goes through `HTMLEscaping`: in the template, or where the rows of a diff or a
    /// score table and the charts are written (`SideBySideRows`, `ScoreRows`, `MetricChart`), which
    /// the template prints unescaped.
    func renderHTML() -> String {
        ReviewPage.template.render(ReviewPageModel(self), library: ReviewPage.library)
    }
}

/// The Mustache template of the HTML report.
enum ReviewPage {
    static let library = HTMLPage.library()

    static let template = HTMLPage.template(pageTemplate)

    static let pageTemplate = """
        {{> head}}
        .badge{border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600;border:1px solid #d0d7de}
        .regressed{color:#a40e26}.badge.regressed{background:#ffebe9}.improved{color:#1a7f37}.badge.improved{background:#dafbe1}.worse,.notEvaluated{color:#9a6700}.badge.worse,.badge.notEvaluated{background:#fff8c5}
        table.sbs{table-layout:fixed}table.sbs td{border:none;padding:0 6px;white-space:pre-wrap;word-break:break-all}table.sbs col.n{width:3.5em}table.sbs td.n{color:#6e7781;text-align:right;user-select:none}
        tr.removed td.t:nth-child(2),tr.changed td.t:nth-child(2){background:#ffebe9}tr.added td.t:nth-child(4),tr.changed td.t:nth-child(4){background:#dafbe1}tr.hunk td{background:#ddf4ff;color:#57606a}
        span.del{background:#ff8182}span.add{background:#4ac26b}
        figure.chart{display:inline-block;margin:6px 12px 6px 0}figcaption{font-size:12px;color:#59636e}svg{background:#fbfcfd;border:1px solid #d0d7de;border-radius:6px}
        svg .line{fill:none;stroke:#57606a;stroke-width:1.5}svg .pr{fill:#cf222e}svg .base{fill:#0969da}svg .rule{stroke:#bf8700;stroke-dasharray:4 3}svg .boundary{stroke:#8c959f;stroke-dasharray:2 3}svg text{font-size:10px;fill:#57606a}
        .missing{color:#9a6700}.error{color:#a40e26}
        </style>
        </head>
        <body>
        <header class="{{gateClass}}">
        <h1>quill review: {{gate}}</h1>
        <p>Head <code>{{head}}</code> into <code>{{base}}</code>, scores compared from their merge base <code>{{mergeBase}}</code>; {{counts}}.</p>
        <p class="rule">{{rule}}</p>
        <p>Gates from <code>{{baseLabel}}</code>: {{#policy}}<code>{{name}}</code> ({{gates}}) {{/policy}}{{^hasPolicy}}none declared{{/hasPolicy}}</p>
        </header>
        {{#config}}
        <h2>This pull request changes quill.yaml; the gate used the base's</h2>
        <table class="sbs"><colgroup><col class="n"><col><col class="n"><col></colgroup><thead><tr><th colspan="2">base</th><th colspan="2">head</th></tr></thead><tbody>
        {{{rows}}}</tbody></table>
        {{/config}}
        <h2>Summary</h2>
        <table class="summary"><thead><tr><th>prompt</th><th>change</th><th>verdict</th><th>scores (merge base → head)</th></tr></thead><tbody>
        {{#prompts}}<tr><td><a href="#{{anchor}}"><code>{{path}}</code></a></td><td>{{change}}</td><td class="{{verdictClass}}">{{verdict}}</td><td>{{summary}}</td></tr>
        {{/prompts}}
        </tbody></table>
        {{#prompts}}
        <section class="prompt" id="{{anchor}}">
        <h2><code>{{path}}</code> <span class="badge {{verdictClass}}">{{verdict}}</span></h2>
        <p>{{change}}</p>
        {{#missing}}<p class="missing">Not evaluated: {{.}}</p>{{/missing}}
        {{#parseErrors}}<p class="error">{{.}}</p>{{/parseErrors}}
        {{#hasMetrics}}
        <table class="scores"><thead><tr><th>suite · model</th><th>metric</th><th>merge base</th><th>head</th><th>delta</th><th>95% CI</th><th>verdict</th><th>why</th></tr></thead><tbody>
        {{{metrics}}}</tbody></table>
        {{/hasMetrics}}
        {{#charts}}
        {{{html}}}
        {{/charts}}
        {{#hasRows}}
        <table class="sbs"><colgroup><col class="n"><col><col class="n"><col></colgroup><thead><tr><th colspan="2">merge base</th><th colspan="2">head</th></tr></thead><tbody>
        {{{rows}}}</tbody></table>
        {{/hasRows}}
        </section>
        {{/prompts}}
        </body>
        </html>

        """
}
