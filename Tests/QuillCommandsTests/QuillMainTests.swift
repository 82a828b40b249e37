import Foundation
import GitKit
@testable import QuillCommands
import QuillKit
import Testing

@Suite("QuillMain")
struct QuillMainTests {
    @Test("turns argument errors into one lower-case line with the help hint")
    func usageLine() {
        #expect(QuillMain.usageLine("Error: Unexpected argument 'x'.\nUsage: quill <subcommand>\n") == "error: unexpected argument 'x'; see 'quill --help'")
    }

    @Test("maps error kinds to DESIGN.md's exit statuses", arguments: [
        (QuillError.Kind.checkFailed, Int32(1)), (.badInput, 2), (.repository, 3),
    ])
    func exitStatuses(kind: QuillError.Kind, status: Int32) {
        #expect(ExitStatus.of(kind) == status)
    }

    @Test("the root help lists every command it runs, hides the hidden ones, and the manual documents each")
    func helpListsCommands() throws {
        let help = Quill.helpMessage(columns: 100)
        let listed = Set(help.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), let word = line.split(separator: " ").first else { return nil }
            return String(word)
        })
        let manual = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/commands.md"), encoding: .utf8)
        // Section headings, whole lines: `## quill log`, or `## quill eval record` for a command with subcommands.
        let headings = manual.split(separator: "\n").filter { $0.hasPrefix("## quill ") }
        let commands = Quill.configuration.subcommands.map { $0.configuration }
        #expect(commands.count >= 15)
        for command in commands {
            let name = try #require(command.commandName)
            #expect(listed.contains(name) == command.shouldDisplay, "\(name)")
            if command.shouldDisplay {
                #expect(headings.contains { $0 == "## quill \(name)" || $0.hasPrefix("## quill \(name) ") }, "docs/commands.md has no section for \(name)")
            }
        }
    }

    @Test("text rendering of a log has no colour codes without a terminal, one line per version")
    func rendersLog() {
        let version = PromptVersion(
            commit: ObjectID(hex: String(repeating: "a", count: 40))!, author: "Ada", authorEmail: "ada@example.com",
            date: "2024-01-02T03:04:05+00:00", subject: "Tune tone", path: "prompts/b.prompt",
            previousPath: "prompts/a.prompt", blob: ObjectID(hex: String(repeating: "b", count: 40))!, change: .renamed)
        let text = PromptLog(prompt: "prompts/b.prompt", versions: [version]).renderText(Terminal(usesColor: false))
        #expect(text == """
            prompts/b.prompt: 1 version
            commit   date        blob     change    subject
            aaaaaaa  2024-01-02  bbbbbbb  renamed   Tune tone  [from prompts/a.prompt]  (Ada)
            """)
        #expect(!text.contains("\u{1B}"))
        #expect(PromptLog(prompt: "p", versions: [version]).renderText(Terminal(usesColor: true)).contains("\u{1B}[33m"))
    }
}
