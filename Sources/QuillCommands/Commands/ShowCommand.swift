import ArgumentParser
import QuillKit

struct ShowCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a prompt version: its front matter, messages and variables.",
        discussion: HelpText.discussion(
            "REV:PROMPT shows that prompt at that revision; REV shows every prompt the commit changed; PROMPT alone means HEAD:PROMPT.",
            examples: ["quill show HEAD~1:prompts/support.prompt", "quill show HEAD --format json"]))

    static let schemas: [OutputSchema] = [.show]

    @Argument(help: "REV[:PROMPT], or a prompt path.")
    var spec: String = "HEAD"

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        try context.print(try context.workspace.show(spec), format: output.format)
    }
}

extension ShowReport: TextRenderable {
    static let schema = OutputSchema.show

    func renderText(_ terminal: Terminal) -> String {
        var lines = [
            "\(terminal.paint("commit \(commit.id)", .yellow))",
            "Author: \(commit.author) <\(commit.authorEmail)>",
            "Date:   \(commit.date)",
            "",
            "    \(commit.subject)",
        ]
        if prompts.isEmpty { lines += ["", "No prompts changed in this commit."] }
        for entry in prompts {
            lines += ["", terminal.paint("\(entry.path)  (version \(entry.blob.prefix(7)))", .bold)]
            if let error = entry.error {
                lines.append("  " + terminal.paint(error, .red))
            }
            if let prompt = entry.prompt {
                lines += PromptText.lines(prompt, terminal)
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The text form of a parsed prompt: format, model, front matter, variables, messages.
enum PromptText {
    /// `lineNumbers` off leaves out where each message lies, for a form that does not shift with edits.
    static func lines(_ prompt: Prompt, _ terminal: Terminal, lineNumbers: Bool = true) -> [String] {
        var lines = ["  format: \(prompt.format.rawValue)"]
        if let model = prompt.model { lines.append("  model: \(model)") }
        if let frontMatter = prompt.frontMatter, !frontMatter.isNull {
            lines.append("  front matter:")
            lines += YAMLText.lines(frontMatter, indent: 4)
        }
        lines.append("  variables: \(prompt.variables.isEmpty ? "(none)" : prompt.variables.joined(separator: ", "))")
        for message in prompt.messages {
            let place = lineNumbers ? terminal.paint(" lines \(message.startLine)-\(message.endLine)", .dim) : ""
            lines.append("  " + terminal.paint("[\(message.role)]", .cyan) + place)
            lines += message.text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        return lines
    }
}

/// A YAML-like rendering of a value tree, for people. A multi-line string is a `|` block whose lines
/// sit two spaces in from their key and keep their own indentation.
enum YAMLText {
    static func lines(_ value: YAMLValue, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .mapping(let pairs):
            return pairs.flatMap { pair -> [String] in
                if let block = block(pair.value, indent: indent + 2) { return ["\(pad)\(pair.key): |"] + block }
                if let scalar = scalar(pair.value) { return ["\(pad)\(pair.key): \(scalar)"] }
                return ["\(pad)\(pair.key):"] + lines(pair.value, indent: indent + 2)
            }
        case .array(let items):
            return items.flatMap { item -> [String] in
                if let block = block(item, indent: indent + 2) { return ["\(pad)- |"] + block }
                if let scalar = scalar(item) { return ["\(pad)- \(scalar)"] }
                return ["\(pad)-"] + lines(item, indent: indent + 2)
            }
        default:
            return block(value, indent: indent) ?? [pad + (scalar(value) ?? "")]
        }
    }

    /// The lines of a multi-line string, each indented by `indent` more spaces than it has; nil for any other value.
    private static func block(_ value: YAMLValue, indent: Int) -> [String]? {
        guard case .string(let text) = value, text.contains("\n") else { return nil }
        let pad = String(repeating: " ", count: indent)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }
    }

    private static func scalar(_ value: YAMLValue) -> String? {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .array(let items) where items.isEmpty: "[]"
        case .mapping(let pairs) where pairs.isEmpty: "{}"
        default: nil
        }
    }
}
