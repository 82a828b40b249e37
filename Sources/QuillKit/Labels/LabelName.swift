import GitKit

/// Label names: one git reference component, as `git check-ref-format` accepts it.
enum LabelName {
    /// Returns `name` when git accepts it as one reference component and it has no `@` (which
    /// separates a prompt from its label in `PROMPT@LABEL`); bad input otherwise.
    static func checked(_ name: String) throws -> String {
        guard isValid(name) else {
            throw QuillError.badInput(
                "label name \(quoted(name)) is not valid; expected one git reference component such as 'production' (no '/', '..', '@', spaces, control characters or any of ~^:?*[\\, not starting with '.' nor ending with '.' or '.lock')")
        }
        return name
    }

    /// Whether `name` is a valid label name. DEL is checked here: git refuses it in a reference name,
    /// libgit2 1.5's check lets it through.
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && !name.utf8.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "@") || $0 == 0x7F }
            && Repository.isValidReferenceName(LabelStore.reference + "/" + name)
    }

    /// `name` in single quotes, with control characters and quotes escaped so the message stays one line.
    static func quoted(_ name: String) -> String {
        var text = "'"
        for scalar in name.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "'" || scalar == "\\" {
                text += scalar.escaped(asASCII: true)
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text + "'"
    }
}
