import Foundation
import Mustache
@testable import QuillCommands
import QuillKit
import TestSupport
import Testing

@Suite("HTML template fields")
struct TemplateFieldsTests {
    /// Walks `value` (a page model, its arrays and optionals): every struct or class must name each of its
    /// stored properties to the template as reflection sees it, and nothing else; returns the type
    /// names it checked.
    private func check(_ value: Any, at path: String) -> Set<String> {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?, .optional?:
            return mirror.children.enumerated().reduce(into: []) { $0.formUnion(check($1.element.value, at: "\(path)[\($1.offset)]")) }
        case .struct? where !(value is String), .class?:
            let parent = value as? MustacheParent
            #expect(parent != nil, "\(path): \(type(of: value)) gives the template no fields")
            guard let parent else { return [] }
            var checked: Set<String> = ["\(type(of: value))"]
            for child in mirror.children {
                let label = try! #require(child.label)
                // Reflection as swift-mustache reads it: an optional's value, nil when it holds none.
                let inner = Mirror(reflecting: child.value)
                let reflected: Any? = inner.displayStyle == .optional ? inner.children.first?.value : child.value
                #expect(parent.child(named: label).map { String(describing: $0) } == reflected.map { String(describing: $0) }, "\(path).\(label)")
                checked.formUnion(check(child.value, at: "\(path).\(label)"))
            }
            #expect(parent.child(named: "noSuchField") == nil, "\(path)")
            return checked
        default:
            return []
        }
    }

    @Test("every page model gives the template each of its fields, the value reflection gives; a chart without min draws no rule")
    func reviewPage() throws {
        let config = TestRepository.gatedConfig + "  latency:\n    direction: lower\n"
        let (repository, base, head) = try TestRepository.pullRequest(
            baseConfig: config, base: ["prompts/a.md": "Answer.\n", "prompts/b.md": "Reply.\n"],
            head: ["prompts/a.md": "Answer briefly.\n", "prompts/b.md": "Reply politely.\n", "quill.yaml": config + "  cost:\n    direction: lower\n"])
        for (commit, value) in [(base, 0.9), (head, 0.6)] {
            try repository.record(
                #"{"quill": 1, "suite": "s", "metrics": {"accuracy": \#(value), "latency": \#(value * 100)}}"#, prompt: "prompts/a.md", commit: commit)
        }
        let report = try Workspace.open(from: repository.path).review(ReviewRequest(base: "main"))
        let model = ReviewPageModel(report)
        #expect(model.config != nil && model.prompts.contains { $0.missing != nil } && model.prompts.contains { $0.missing == nil })
        let charts = model.prompts.flatMap(\.charts)
        let rule = "<line class=\"rule\"", boundary = "<line class=\"boundary\""
        #expect(charts.count == 2 && charts.contains { $0.html.contains(rule) && $0.html.contains(boundary) } && charts.contains { !$0.html.contains(rule) })
        let checked = check(model, at: "page")
        #expect(checked == ["ReviewPageModel", "Gate", "ConfigChange", "Prompt", "MetricChart"])
        let html = report.renderHTML()
        #expect(html.components(separatedBy: "<line class=\"rule\"").count - 1 == 1)
        #expect(html.components(separatedBy: "<p class=\"missing\">").count - 1 == 1)
    }
}
