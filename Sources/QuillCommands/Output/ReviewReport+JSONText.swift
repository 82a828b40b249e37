import QuillKit

// The JSON form of `quill review` (`JSONText`): a report of 200 prompts with their case flips, file
// diffs and histories is thousands of values, which `JSONEncoder` boxes into a tree first. Members in
// UTF-8 order, nil members left out, as the encoder writes the synthesized `Codable` forms;
// `JSONTextTests` compare the two.

extension ReviewReport: JSONTextWritable {
    /// About 11 KB a prompt with per-case results, a file diff and a history (review.sh's data).
    var estimatedJSONBytes: Int { 4_096 + prompts.count * 11 * 1_024 }

    func write(to text: inout JSONText, schema: String) {
        text.object { text in
            text.member("base") { base.write(to: &$0) }
            if let configChange { text.member("configChange") { configChange.write(to: &$0) } }
            if let fetched { text.member("fetched") { $0.array(fetched) { $0.string($1) } } }
            text.member("gate") { text in
                text.object { text in
                    text.member("failed") { $0.bool(gate.failed) }
                    text.member("notEvaluated") { $0.number(gate.notEvaluated) }
                    text.member("regressions") { $0.number(gate.regressions) }
                    text.member("requireScores") { $0.bool(gate.requireScores) }
                }
            }
            text.member("head") { head.write(to: &$0) }
            text.member("mergeBase") { mergeBase.write(to: &$0) }
            text.member("policy") { $0.array(policy) { $1.write(to: &$0) } }
            text.member("prompts") { $0.array(prompts) { $1.write(to: &$0) } }
            text.member("rule") { $0.string(rule) }
            text.member("schema") { $0.string(schema) }
        }
    }
}

extension ReviewReport.Side {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("commit") { $0.string(commit) }
            text.member("label") { $0.string(label) }
        }
    }
}

extension MetricSpec {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("direction") { $0.string(direction.rawValue) }
            if let maxDrop { text.member("maxDrop") { $0.number(maxDrop) } }
            if let min { text.member("min") { $0.number(min) } }
            text.member("name") { $0.string(name) }
        }
    }
}

extension PromptReview {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("changedLines") { $0.array(changedLines) { $0.number($1) } }
            text.member("diff") { diff.write(to: &$0) }
            if let fileDiff { text.member("fileDiff") { fileDiff.write(to: &$0) } }
            text.member("history") { $0.array(history) { $1.write(to: &$0) } }
            text.member("metrics") { $0.array(metrics) { $1.write(to: &$0) } }
            if let missing {
                text.member("missing") { text in
                    text.object { text in
                        text.member("remedy") { $0.string(missing.remedy) }
                        text.member("side") { $0.string(missing.side.rawValue) }
                    }
                }
            }
        }
    }
}

extension MetricReview {
    func write(to text: inout JSONText) {
        text.object { text in
            if let base { text.member("base") { base.write(to: &$0) } }
            if let delta { text.member("delta") { $0.number(delta) } }
            text.member("direction") { $0.string(direction.rawValue) }
            if let head { text.member("head") { head.write(to: &$0) } }
            if let interval { text.member("interval") { interval.write(to: &$0) } }
            if let maxDrop { text.member("maxDrop") { $0.number(maxDrop) } }
            text.member("metric") { $0.string(metric) }
            if let min { text.member("min") { $0.number(min) } }
            if let model { text.member("model") { $0.string(model) } }
            text.member("reason") { $0.string(reason) }
            text.member("suite") { $0.string(suite) }
            text.member("verdict") { $0.string(verdict.rawValue) }
        }
    }
}

extension HistoryPoint {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("commit") { $0.string(commit) }
            text.member("date") { $0.string(date) }
            text.member("inPullRequest") { $0.bool(inPullRequest) }
            text.member("metrics") { $0.object(metrics) { $0.number($1) } }
            if let model { text.member("model") { $0.string(model) } }
            text.member("subject") { $0.string(subject) }
            text.member("suite") { $0.string(suite) }
        }
    }
}
