import QuillKit

/// A result that writes its JSON form itself (`JSONText`), the same bytes `JSONEncoder` would write,
/// for the results that run to thousands of entries.
protocol JSONTextWritable: TextRenderable {
    /// Writes the value as its top-level object, with the `schema` member in its sorted place.
    func write(to text: inout JSONText, schema: String)

    /// About how many bytes the text will take, reserved up front (growing a buffer of megabytes
    /// step by step copies it and touches new pages each time); 0 when unknown.
    var estimatedJSONBytes: Int { get }
}

extension JSONTextWritable {
    var estimatedJSONBytes: Int { 0 }

    /// The value's own JSON text, or `nil` when it holds a number JSON cannot carry (the encoder
    /// then reports the error).
    func jsonText(schema: String) -> JSONText? {
        var text = JSONText(capacity: estimatedJSONBytes)
        write(to: &text, schema: schema)
        return text.failed ? nil : text
    }
}

extension PromptLog: JSONTextWritable {
    /// A version without scores takes 500-700 bytes (ids, date, author, path, subject).
    var estimatedJSONBytes: Int { 1_024 + versions.count * 768 }

    func write(to text: inout JSONText, schema: String) {
        text.object { text in
            text.member("metrics") { $0.array(metrics) { $0.string($1) } }
            text.member("prompt") { $0.string(prompt) }
            text.member("schema") { $0.string(schema) }
            text.member("versions") { $0.array(versions) { $1.write(to: &$0) } }
        }
    }
}

extension BlameReport: JSONTextWritable {
    func write(to text: inout JSONText, schema: String) {
        text.object { text in
            text.member("commit") { $0.string(commit) }
            text.member("commits") { $0.array(commits) { $1.write(to: &$0) } }
            text.member("lines") { $0.array(lines) { $1.write(to: &$0) } }
            text.member("metrics") { $0.array(metrics) { $0.string($1) } }
            text.member("prompt") { $0.string(prompt) }
            text.member("schema") { $0.string(schema) }
        }
    }
}

extension BlameLine {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("commit") { $0.string(commit) }
            text.member("line") { $0.number(line) }
            text.member("originalLine") { $0.number(originalLine) }
            text.member("originalPath") { $0.string(originalPath) }
            text.member("text") { $0.string(self.text) }
        }
    }
}

extension BlamedCommit {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("isBoundary") { $0.bool(isBoundary) }
            text.member("lines") { $0.number(lines) }
            text.member("version") { version.write(to: &$0) }
        }
    }
}

extension PromptVersion {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("author") { $0.string(author) }
            text.member("authorEmail") { $0.string(authorEmail) }
            if let blob { text.member("blob") { $0.string(blob) } }
            text.member("change") { $0.string(change.rawValue) }
            text.member("commit") { $0.string(commit) }
            text.member("date") { $0.string(date) }
            text.member("path") { $0.string(path) }
            if let previousPath { text.member("previousPath") { $0.string(previousPath) } }
            text.member("scores") { $0.array(scores) { $1.write(to: &$0) } }
            text.member("subject") { $0.string(subject) }
        }
    }
}

extension VersionScore {
    func write(to text: inout JSONText) {
        text.object { text in
            if let manifests { text.member("manifests") { $0.array(manifests) { $0.string($1) } } }
            text.member("metrics") { $0.object(metrics) { $1.write(to: &$0) } }
            if let model { text.member("model") { $0.string(model) } }
            text.member("records") { $0.number(records) }
            text.member("suite") { $0.string(suite) }
        }
    }
}

extension VersionScore.MetricValue {
    func write(to text: inout JSONText) {
        text.object { text in
            text.member("count") { $0.number(count) }
            if let delta { text.member("delta") { $0.number(delta) } }
            text.member("mean") { $0.number(mean) }
            if let standardDeviation { text.member("standardDeviation") { $0.number(standardDeviation) } }
        }
    }
}
