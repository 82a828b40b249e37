import ArgumentParser
import Foundation
@testable import QuillCommands
import Testing

/// `quill … --help`: wrapped cleanly at the terminal's width, formats as the parser accepts them, examples that parse.
@Suite("help text")
struct HelpTextTests {
    /// Every command of the tree with its path, hidden ones included.
    static func commands(_ command: any ParsableCommand.Type = Quill.self, path: [String] = []) -> [([String], any ParsableCommand.Type)] {
        [(path, command)] + command.configuration.subcommands.flatMap { commands($0, path: path + [$0.configuration.commandName ?? ""]) }
    }

    /// The column where a help line's text starts: after the option or subcommand name of an entry, else its indentation.
    private static func textColumn(_ line: Substring) -> Int {
        let characters = Array(line)
        let indentation = characters.prefix { $0 == " " }.count
        var column = indentation
        var index = indentation
        while index < characters.count {
            if characters[index] == " ", index + 1 < characters.count, characters[index + 1] == " " {
                var end = index
                while end < characters.count, characters[end] == " " { end += 1 }
                if end < characters.count { column = end }
                index = end
            } else {
                index += 1
            }
        }
        return column
    }

    @Test("help wraps at the terminal's width: no line broken early (a hard line break re-wrapped), none past the width but one unbreakable word", arguments: [80, 100])
    func wraps(columns: Int) {
        for (path, command) in Self.commands() {
            let lines = Quill.helpMessage(for: command, columns: columns).split(separator: "\n", omittingEmptySubsequences: false)
            // USAGE is laid out by hand in lines (ArgumentParser does not wrap it); `usage()` checks it.
            let usageLines = lines.indices.drop { !lines[$0].hasPrefix("USAGE: ") }.prefix { !lines[$0].isEmpty }
            for (index, line) in lines.enumerated() where !usageLines.contains(index) {
                let words = line.split(separator: " ")
                #expect(line.count <= columns || words.count == 1, "quill \(path.joined(separator: " ")) at \(columns) columns: '\(line)' overflows")
                guard index + 1 < lines.count, !words.isEmpty else { continue }
                let next = lines[index + 1]
                let nextIndentation = next.prefix { $0 == " " }.count
                guard let nextWord = next.split(separator: " ").first, nextIndentation == Self.textColumn(line),
                      !nextWord.hasPrefix("-"), !nextWord.hasPrefix("<"), !nextWord.hasPrefix("quill"), !line.hasSuffix(":")
                else { continue }
                // The next line continues this one (not a new option, argument or example): ArgumentParser
                // breaks before a word that does not fit with the space after it.
                #expect(line.count + 1 + nextWord.count + 1 > columns, "quill \(path.joined(separator: " ")) at \(columns) columns: '\(nextWord)' fits after '\(line)'")
            }
        }
    }

    @Test("USAGE fits in 80 columns and names every argument, option and flag the command shows")
    func usage() throws {
        for command in try CommandTree.dumped().commands {
            let type = try #require(JSONSchemaTests.command(at: command.path))
            let help = Quill.helpMessage(for: type, columns: 80).split(separator: "\n", omittingEmptySubsequences: false)
            let usage = help.drop { !$0.hasPrefix("USAGE: ") }.prefix { !$0.isEmpty }
            let name = "quill " + command.path.joined(separator: " ")
            #expect(!usage.isEmpty, "\(name) has no USAGE")
            // ArgumentParser prints USAGE unwrapped: a long synopsis is written out in lines (`usage:`).
            for line in usage { #expect(line.count <= 80, "\(name): '\(line)' overflows 80 columns") }
            let words = Set(usage.joined(separator: " ").split { $0 == " " || $0 == "[" || $0 == "]" }.map(String.init))
            for word in command.synopsisWords { #expect(words.contains(word), "the USAGE of \(name) leaves out \(word)") }
        }
    }

    @Test("every --format (and eval record's --output) names in its help exactly the formats the parser accepts")
    func formatsNamedAreAccepted() throws {
        let options = try CommandTree.dumped().commands.flatMap { command in
            command.options.filter { $0.isOutputFormat && !$0.values.isEmpty }.map { (command.path, $0) }
        }
        let allFormats = Set(options.flatMap(\.1.values))
        #expect(allFormats.isSuperset(of: ["text", "markdown", "json", "html", "github"]))
        for (path, option) in options {
            let named = Set(option.help.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "-" }.map(String.init)).intersection(allFormats)
            #expect(named == Set(option.values), "quill \(path.joined(separator: " ")) --\(option.names[0]): help names \(named.sorted()), accepts \(option.values)")
        }
    }

    @Test("every SYNOPSIS line of docs/commands.md lists exactly the formats its command's parser accepts")
    func synopsisFormats() throws {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/commands.md")
        let tree = try CommandTree.dumped()
        let lines = try String(contentsOf: page, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix(": `quill ") }
        var checked = 0
        for line in lines {
            let words = line.dropFirst(": `quill ".count).split(separator: " ").map { String($0.filter { !"`[]…".contains($0) }) }
            // The command is the longest path of the tree the line starts with.
            guard let command = tree.commands.filter({ !$0.path.isEmpty && words.starts(with: $0.path) }).max(by: { $0.path.count < $1.path.count }) else {
                Issue.record("docs/commands.md names no command of the tree: \(line)")
                continue
            }
            for (index, word) in words.enumerated() where ["--format", "--output"].contains(word) && index + 1 < words.count {
                let listed = words[index + 1].split(separator: "|").map(String.init)
                guard listed.count > 1, let option = command.options.first(where: { $0.names.contains(String(word.dropFirst(2))) }) else { continue }
                #expect(Set(listed) == Set(option.values), "quill \(command.path.joined(separator: " ")) \(word): docs list \(listed), the parser accepts \(option.values)")
                checked += 1
            }
        }
        #expect(checked >= 20, "only \(checked) SYNOPSIS format lists found")
    }

    /// `example` split as the shell splits it (words, single quotes), up to a pipe or a redirection.
    private static func arguments(_ example: String) -> [String] {
        var words = [String]()
        var word: String?
        var quoted = false
        for character in example {
            if character == "'" {
                quoted.toggle()
                word = word ?? ""
            } else if character == " ", !quoted {
                if let finished = word { words.append(finished) }
                word = nil
            } else {
                word = (word ?? "") + String(character)
            }
        }
        if let word { words.append(word) }
        return Array(words.prefix { $0 != "|" && $0 != ">" })
    }

    @Test("every command with a --format option shows examples of itself that parse")
    func examplesParse() throws {
        for (path, command) in Self.commands() where !path.isEmpty && command.configuration.subcommands.isEmpty || path == ["bisect"] {
            let help = Quill.helpMessage(for: command, columns: 200)
            guard help.contains("--format <format>") else { continue }
            let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
            let examples = lines.drop { $0 != "Examples:" }.dropFirst().prefix { !$0.isEmpty }.map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(!examples.isEmpty, "quill \(path.joined(separator: " ")) has no examples")
            for example in examples {
                let arguments = Self.arguments(example)
                #expect(Array(arguments.dropFirst().prefix(path.count)) == path, "'\(example)' is not an example of quill \(path.joined(separator: " "))")
                #expect(throws: Never.self, "'\(example)' parses") { try Quill.parseAsRoot(Array(arguments.dropFirst())) }
            }
        }
    }
}
