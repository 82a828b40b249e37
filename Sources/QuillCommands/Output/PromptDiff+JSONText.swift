import QuillKit

// The JSON form of a prompt's diff (`JSONText`), members in UTF-8 order and nil members left out, as
// `JSONEncoder` writes the synthesized `Codable` forms. `JSONTextTests` compare the two.

extension PromptDiff {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("change") { $0.string(change.rawValue) }
            if let fromBlob { text.member("fromBlob") { $0.string(fromBlob) } }
            if let fromError { text.member("fromError") { $0.string(fromError) } }
            if let oldPath { text.member("oldPath") { $0.string(oldPath) } }
            text.member("path") { $0.string(path) }
            text.member("scores") { scores.write(to: &$0) }
            if let similarity { text.member("similarity") { $0.number(similarity) } }
            if let structure { text.member("structure") { structure.write(to: &$0) } }
            if let diff = self.text { text.member("text") { diff.write(to: &$0) } }
            if let toBlob { text.member("toBlob") { $0.string(toBlob) } }
            if let toError { text.member("toError") { $0.string(toError) } }
        }
    }
}

extension PromptStructureDiff {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("addedVariables") { $0.array(addedVariables) { $0.string($1) } }
            if let format {
                text.member("format") { text in
                    text.object { text in
                        text.member("new") { $0.string(format.new.rawValue) }
                        text.member("old") { $0.string(format.old.rawValue) }
                    }
                }
            }
            text.member("frontMatter") { $0.array(frontMatter) { $1.write(to: &$0) } }
            text.member("messages") { $0.array(messages) { $1.write(to: &$0) } }
            text.member("removedVariables") { $0.array(removedVariables) { $0.string($1) } }
        }
    }
}

extension FrontMatterChange {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("kind") { $0.string(kind.rawValue) }
            if let new { text.member("new") { new.write(to: &$0) } }
            if let old { text.member("old") { old.write(to: &$0) } }
            text.member("path") { $0.string(path) }
        }
    }
}

extension YAMLValue {
    /// As its `encode(to:)` writes it: a mapping as an object (a repeated key keeps its last value,
    /// as the encoder's keyed container does), a sequence as an array.
    func write(to text: inout JSONText) {
        switch self {
        case .mapping(let pairs):
            text.object(Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })) { $1.write(to: &$0) }
        case .array(let elements): text.array(elements) { $1.write(to: &$0) }
        case .null: text.null()
        case .bool(let flag): text.bool(flag)
        case .int(let number): text.number(number)
        case .double(let number): text.number(number)
        case .string(let string): text.string(string)
        }
    }
}

extension MessageChange {
    func write(to text: inout JSONText) {
        text.object { text in
            if let diff { text.member("diff") { diff.write(to: &$0) } }
            text.member("kind") { $0.string(kind.rawValue) }
            text.member("moved") { $0.bool(moved) }
            if let newIndex { text.member("newIndex") { $0.number(newIndex) } }
            if let oldIndex { text.member("oldIndex") { $0.number(oldIndex) } }
            text.member("role") { $0.string(role) }
            if let body = self.text { text.member("text") { $0.string(body) } }
        }
    }
}

extension TextDiff {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("hunks") { $0.array(hunks) { $1.write(to: &$0) } }
        }
    }
}

extension TextDiff.Hunk {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("lines") { $0.array(lines) { $1.write(to: &$0) } }
            text.member("newCount") { $0.number(newCount) }
            text.member("newStart") { $0.number(newStart) }
            text.member("oldCount") { $0.number(oldCount) }
            text.member("oldStart") { $0.number(oldStart) }
        }
    }
}

extension TextDiff.Line {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("kind") { $0.string(kind.rawValue) }
            if let newLine { text.member("newLine") { $0.number(newLine) } }
            if let oldLine { text.member("oldLine") { $0.number(oldLine) } }
            if let oldText { text.member("oldText") { $0.string(oldText) } }
            text.member("text") { $0.string(self.text) }
            if let words {
                text.member("words") { text in
                    text.array(words) { text, word in
                        text.object { text in
                            text.member("kind") { $0.string(word.kind.rawValue) }
                            text.member("text") { $0.string(word.text) }
                        }
                    }
                }
            }
        }
    }
}

extension ScoreComparison {
    func write(to text: inout JSONText) {
        text.object { text in
            if let data { text.member("data") { data.write(to: &$0) } }
            text.member("groups") { $0.array(groups) { $1.write(to: &$0) } }
            text.member("unpaired") { $0.array(unpaired) { $1.write(to: &$0) } }
        }
    }
}

extension ManifestChange {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("differs") { $0.bool(differs) }
            text.member("from") { $0.array(from) { $0.string($1) } }
            if let summary {
                text.member("summary") { text in
                    text.object { text in
                        text.member("added") { $0.number(summary.added) }
                        text.member("changed") { $0.number(summary.changed) }
                        text.member("chunksReembedded") { $0.number(summary.chunksReembedded) }
                        text.member("removed") { $0.number(summary.removed) }
                        text.member("settings") { $0.array(summary.settings) { $0.string($1) } }
                    }
                }
            }
            text.member("to") { $0.array(to) { $0.string($1) } }
        }
    }
}

extension QuillKit.ScoreGroup {
    func write(to text: inout JSONText) {
        text.object { text in
            if let cases { text.member("cases") { cases.write(to: &$0) } }
            text.member("fromRecords") { $0.number(fromRecords) }
            text.member("metrics") { $0.array(metrics) { $1.write(to: &$0) } }
            if let model { text.member("model") { $0.string(model) } }
            text.member("suite") { $0.string(suite) }
            text.member("toRecords") { $0.number(toRecords) }
        }
    }
}

extension MetricComparison {
    func write(to text: inout JSONText) {
        text.object { text in
            if let delta { text.member("delta") { $0.number(delta) } }
            if let direction { text.member("direction") { $0.string(direction.rawValue) } }
            if let from { text.member("from") { from.write(to: &$0) } }
            if let interval { text.member("interval") { interval.write(to: &$0) } }
            text.member("name") { $0.string(name) }
            if let noise { text.member("noise") { $0.number(noise) } }
            if let pairedCases { text.member("pairedCases") { $0.number(pairedCases) } }
            if let pairedDelta { text.member("pairedDelta") { $0.number(pairedDelta) } }
            if let relativeDelta { text.member("relativeDelta") { $0.number(relativeDelta) } }
            if let significant { text.member("significant") { $0.bool(significant) } }
            if let to { text.member("to") { to.write(to: &$0) } }
            if let verdict { text.member("verdict") { $0.string(verdict.rawValue) } }
        }
    }
}

extension SampleSummary {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("count") { $0.number(count) }
            text.member("mean") { $0.number(mean) }
            if let standardDeviation { text.member("standardDeviation") { $0.number(standardDeviation) } }
        }
    }
}

extension ConfidenceInterval {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("level") { $0.number(level) }
            text.member("lower") { $0.number(lower) }
            text.member("resamples") { $0.number(resamples) }
            text.member("seed") { $0.string(seed) }
            text.member("upper") { $0.number(upper) }
        }
    }
}

extension CaseComparison {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("flips") { $0.array(flips) { $1.write(to: &$0) } }
            text.member("onlyFrom") { $0.number(onlyFrom) }
            text.member("onlyTo") { $0.number(onlyTo) }
            if let passFail {
                text.member("passFail") { text in
                    text.object { text in
                        text.member("bothFail") { $0.number(passFail.bothFail) }
                        text.member("bothPass") { $0.number(passFail.bothPass) }
                        text.member("failToPass") { $0.number(passFail.failToPass) }
                        text.member("pValue") { $0.number(passFail.pValue) }
                        text.member("passToFail") { $0.number(passFail.passToFail) }
                    }
                }
            }
            text.member("shared") { $0.number(shared) }
        }
    }
}

extension CaseFlip {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("direction") { $0.string(direction.rawValue) }
            if let fromOutput { text.member("fromOutput") { $0.string(fromOutput) } }
            text.member("id") { $0.string(id) }
            if let toOutput { text.member("toOutput") { $0.string(toOutput) } }
        }
    }
}

extension UnpairedScores {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("metrics") { $0.object(metrics) { $1.write(to: &$0) } }
            if let model { text.member("model") { $0.string(model) } }
            text.member("records") { $0.number(records) }
            text.member("side") { $0.string(side.rawValue) }
            text.member("suite") { $0.string(suite) }
        }
    }
}
