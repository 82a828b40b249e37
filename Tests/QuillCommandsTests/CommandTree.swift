import Foundation
import TestSupport

/// Quill's command tree as ArgumentParser describes it (`quill --experimental-dump-help`): each
/// command's path and options, with the values an option of an enumerated type accepts, as the
/// parser itself derives them from the code.
struct CommandTree {
    struct Option {
        let names: [String]
        /// The values the parser accepts, empty for a free-form value.
        let values: [String]
        let help: String

        /// `--format`, or `--output` where `--format` names an input format (`eval record`).
        var isOutputFormat: Bool { names.contains("format") || names.contains("output") }
    }

    struct Command {
        let path: [String]
        let options: [Option]
        /// How a synopsis names each argument the command shows: `<name>` for a positional one, `--name` for an
        /// option or flag (help and version left out).
        let synopsisWords: [String]
    }

    let commands: [Command]

    /// The tree of the built binary.
    static func dumped() throws -> CommandTree {
        let result = try QuillBinary.run(["--experimental-dump-help"], in: FileManager.default.temporaryDirectory.path)
        guard result.status == 0, let root = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let command = root["command"] as? [String: Any]
        else { throw TestFailure("quill --experimental-dump-help: \(result.stderr)") }
        var commands = [Command]()
        collect(command, path: [], into: &commands)
        return CommandTree(commands: commands)
    }

    private static func collect(_ command: [String: Any], path: [String], into commands: inout [Command]) {
        let options = (command["arguments"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "option" }.map { option in
            Option(
                names: (option["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String },
                values: option["allValues"] as? [String] ?? [],
                help: option["abstract"] as? String ?? "")
        }
        let synopsisWords = (command["arguments"] as? [[String: Any]] ?? []).filter { $0["shouldDisplay"] as? Bool ?? true }.compactMap { argument -> String? in
            if argument["kind"] as? String == "positional" { return (argument["valueName"] as? String).map { "<\($0)>" } }
            let long = (argument["names"] as? [[String: Any]] ?? []).first { $0["kind"] as? String == "long" }?["name"] as? String
            return long.flatMap { ["help", "version"].contains($0) ? nil : "--" + $0 }
        }
        commands.append(Command(path: path, options: options, synopsisWords: synopsisWords))
        for subcommand in command["subcommands"] as? [[String: Any]] ?? [] {
            guard let name = subcommand["commandName"] as? String, name != "help" else { continue }
            collect(subcommand, path: path + [name], into: &commands)
        }
    }
}
