import Mustache

// The fields the HTML templates read, by name. Without these, swift-mustache finds every `{{name}}`
// by reflection (a `Mirror` of the value, searched label by label, on each look-up and again for each
// context it climbs through), which was most of the time of a 200-prompt review page. As with
// reflection, an optional holding nil gives nil, and the look-up goes on in the enclosing contexts.
// Strings are handed over as `TemplateText`, and each model answers swift-mustache's request for a
// representation itself (`TemplateModel`): both skip dynamic casts that fail, the costliest part of a
// look-up. `TemplateFieldsTests` checks every type here against its reflected fields.

/// A string a template prints. swift-mustache prints a `MustacheCustomRenderable` as its `renderText`
/// (escaped as any value), where a plain `String` first fails two more casts and goes through
/// `String(describing:)`.
struct TemplateText: MustacheCustomRenderable, MustacheCustomRepresentation, CustomStringConvertible {
    let renderText: String

    init(_ text: String) {
        renderText = text
    }

    /// Never a null: a section over it renders once, as over a string.
    var isNull: Bool { false }

    var description: String { renderText }

    /// Itself: swift-mustache asks every value it finds for a representation, and a cast that
    /// succeeds costs less than one that fails.
    var representation: Any? { self }
}

/// A page model's object: its fields by name, and itself as its representation. swift-mustache asks
/// every object it looks a name up in for a representation first; a type that has one answers at once,
/// where the failing cast of one that has none costs about as much again as the look-up.
protocol TemplateModel: MustacheParent, MustacheCustomRepresentation {}

extension TemplateModel {
    var representation: Any? { self }
}

extension ReviewPageModel: TemplateModel {
    func child(named name: String) -> Any? {
        switch name {
        case "title": TemplateText(title)
        case "gate": TemplateText(gate)
        case "gateClass": TemplateText(gateClass)
        case "head": TemplateText(head)
        case "base": TemplateText(base)
        case "baseLabel": TemplateText(baseLabel)
        case "mergeBase": TemplateText(mergeBase)
        case "counts": TemplateText(counts)
        case "rule": TemplateText(rule)
        case "hasPolicy": hasPolicy
        case "policy": policy
        case "config": config
        case "prompts": prompts
        default: nil
        }
    }
}

extension ReviewPageModel.Gate: TemplateModel {
    func child(named name: String) -> Any? {
        switch name {
        case "name": TemplateText(self.name)
        case "gates": TemplateText(gates)
        default: nil
        }
    }
}

extension ReviewPageModel.ConfigChange: TemplateModel {
    func child(named name: String) -> Any? {
        name == "rows" ? TemplateText(rows) : nil
    }
}

extension ReviewPageModel.Prompt: TemplateModel {
    func child(named name: String) -> Any? {
        switch name {
        case "anchor": TemplateText(anchor)
        case "path": TemplateText(path)
        case "change": TemplateText(change)
        case "verdict": TemplateText(verdict)
        case "verdictClass": TemplateText(verdictClass)
        case "summary": TemplateText(summary)
        case "missing": missing.map(TemplateText.init)
        case "hasMetrics": hasMetrics
        case "metrics": TemplateText(metrics)
        case "charts": charts
        case "hasRows": hasRows
        case "rows": TemplateText(rows)
        case "parseErrors": parseErrors
        default: nil
        }
    }
}

extension MetricChart: TemplateModel {
    func child(named name: String) -> Any? {
        name == "html" ? TemplateText(html) : nil
    }
}
