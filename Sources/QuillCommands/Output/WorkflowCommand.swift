/// GitHub Actions workflow commands (`::error file=…,line=…::message`), which GitHub shows as
/// annotations on a pull request's diff or a run's summary, without a token.
enum WorkflowCommand {
    /// `::name key=value,…::message`, escaped as GitHub's toolkit does: `%`, CR and LF in the message;
    /// those and `:` and `,` in property values.
    static func line(_ name: String, _ properties: [(String, String)], _ message: String) -> String {
        let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(name) \(list)::\(escapeData(message))"
    }

    static func escapeData(_ text: String) -> String {
        Markdown.visible(text).replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
