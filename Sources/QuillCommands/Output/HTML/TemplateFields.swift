import Mustache

// The fields the HTML templates read, by name. Without these, swift-mustache finds every `{{name}}`
// by reflection (a `Mirror` of the value, searched label by label, on each look-up and again for each
// context it climbs through), which was most of the time of a 200-prompt review page. As with
// reflection, an optional holding nil gives nil, and the look-up goes on in the enclosing contexts.
// `TemplateFieldsTests` checks every type here against its reflected fields.

extension ReviewPageModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "gate": gate
        case "gateClass": gateClass
        case "head": head
        case "base": base
        case "baseLabel": baseLabel
        case "mergeBase": mergeBase
        case "counts": counts
        case "rule": rule
        case "hasPolicy": hasPolicy
        case "policy": policy
        case "config": config
        case "prompts": prompts
        default: nil
        }
    }
}

extension ReviewPageModel.Gate: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "gates": gates
        default: nil
        }
    }
}

extension ReviewPageModel.ConfigChange: MustacheParent {
    func child(named name: String) -> Any? {
        name == "rows" ? rows : nil
    }
}

extension ReviewPageModel.Metric: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "group": group
        case "name": self.name
        case "base": base
        case "head": head
        case "delta": delta
        case "interval": interval
        case "verdict": verdict
        case "verdictClass": verdictClass
        case "reason": reason
        default: nil
        }
    }
}

extension ReviewPageModel.Prompt: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "path": path
        case "change": change
        case "verdict": verdict
        case "verdictClass": verdictClass
        case "summary": summary
        case "missing": missing
        case "hasMetrics": hasMetrics
        case "metrics": metrics
        case "charts": charts
        case "hasRows": hasRows
        case "rows": rows
        case "parseErrors": parseErrors
        default: nil
        }
    }
}

extension MetricChart: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "points": points
        case "line": line
        case "minimum": minimum
        case "boundary": boundary
        case "top": top
        case "bottom": bottom
        default: nil
        }
    }
}

extension MetricChart.Point: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "x": x
        case "y": y
        case "side": side
        case "label": label
        default: nil
        }
    }
}

extension MetricChart.Rule: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "y": y
        case "label": label
        default: nil
        }
    }
}

extension SideBySideRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kind": kind
        case "oldLine": oldLine
        case "newLine": newLine
        case "text": text
        case "old": old
        case "new": new
        default: nil
        }
    }
}

extension SideBySideRow.Segment: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "mark": mark
        default: nil
        }
    }
}
