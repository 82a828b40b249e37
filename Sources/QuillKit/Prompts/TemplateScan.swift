/// The variables of a template text in the language a reading names.
enum TemplateScan {
    /// The variables `range` of `source` uses in `language`; none when it is not a template.
    static func variables(in source: SourceText, range: Range<Int>, language: PromptReading.Template) throws(SourceIssue) -> [String] {
        switch language {
        case .none: []
        case .handlebars: try HandlebarsTemplate(scanning: source, range: range).variables.names
        case .jinja: try JinjaTemplate(scanning: source, range: range).variables.names
        }
    }

    /// The template language a front matter declares in `template` or `template_format` (as Prompty and
    /// LangChain name it), if it names one Quill reads.
    static func declared(in frontMatter: YAMLValue?) -> PromptReading.Template? {
        let field = frontMatter?["template"] ?? frontMatter?["template_format"]
        switch (field?.stringValue ?? field?["format"]?.stringValue)?.lowercased() {
        case "handlebars", "mustache", "hbs": return .handlebars
        case "jinja", "jinja2": return .jinja
        case "none", "text": return PromptReading.Template.none
        default: return nil
        }
    }
}
