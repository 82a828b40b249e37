extension EvalCase {
    /// Appends the case's canonical JSON (the bytes `CanonicalJSON.encode` gives its `Codable` form),
    /// written directly with the keys in UTF-8 order (`error`, `id`, `metrics`, `output`, `pass`,
    /// `repeatIndex`): a per-case blob holds thousands of cases, and building a `JSONValue` for each
    /// was a tenth of a batch import.
    func appendCanonical(to out: inout [UInt8]) throws(CanonicalJSON.Failure) {
        out.append(UInt8(ascii: "{"))
        if let error {
            out.append(contentsOf: #""error":"#.utf8)
            CanonicalJSON.appendString(error, to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: #""id":"#.utf8)
        CanonicalJSON.appendString(id, to: &out)
        out.append(contentsOf: #","metrics":{"#.utf8)
        for (index, name) in metrics.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
            let value = metrics[name]!
            guard let text = CanonicalJSON.number(value) else {
                throw CanonicalJSON.Failure(path: "$.metrics.\(name)", message: "\(value) is not a finite number; JSON has no NaN or infinity")
            }
            out.append(contentsOf: text.utf8)
        }
        out.append(UInt8(ascii: "}"))
        if let output {
            out.append(contentsOf: #","output":"#.utf8)
            CanonicalJSON.appendString(output, to: &out)
        }
        if let pass { out.append(contentsOf: (pass ? #","pass":true"# : #","pass":false"#).utf8) }
        if let repeatIndex { out.append(contentsOf: #","repeatIndex":\#(repeatIndex)"#.utf8) }
        out.append(UInt8(ascii: "}"))
    }
}
