extension String {
    /// The text with every control character written as an escape (`\n`, `\r`, `\t`, `\u{1b}`), so a
    /// path, revision or name from untrusted input can neither break a one-line message in two nor
    /// send terminal control sequences.
    var escapingControlCharacters: String {
        var escaped = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
            case "\r": escaped.append(contentsOf: "\\r".unicodeScalars)
            case "\t": escaped.append(contentsOf: "\\t".unicodeScalars)
            case _ where scalar.properties.generalCategory == .control || (0x2028...0x2029).contains(scalar.value):
                escaped.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
