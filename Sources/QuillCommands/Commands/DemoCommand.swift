import ArgumentParser
import Foundation
import QuillKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo repository with a prompt history and scores, then show a log, a version and a diff with scores.")

    @Argument(help: "A new or empty folder for the demo repository (default: a new temporary folder).")
    var directory: String?

    func run() throws {
        let folder = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("quill-demo-\(UUID().uuidString.prefix(8))").path
        let workspace = try DemoRepository.build(at: folder)
        let terminal = Terminal.current
        let prompt = "prompts/support.prompt"
        let root = try workspace.workTree(for: "'quill demo'")
        Console.out(terminal.paint("Demo repository: \(root)", .bold))
        Console.out("\n$ quill log\n" + (try workspace.latestVersions()).renderText(terminal))
        Console.out("\n$ quill log \(prompt)\n" + (try workspace.log(prompt: root + "/" + prompt)).renderText(terminal))
        Console.out("\n$ quill log prompts/answer-from-docs.md   # follows the rename\n"
            + (try workspace.log(prompt: root + "/prompts/answer-from-docs.md")).renderText(terminal))
        Console.out("\n$ quill show HEAD:\(prompt)\n" + (try workspace.show("HEAD:\(prompt)")).renderText(terminal))
        Console.out("\n$ quill diff HEAD~3 HEAD   # prompt changes, scores, confidence intervals, flipped cases\n"
            + (try workspace.diff(DiffRequest(revisions: ["HEAD~3", "HEAD"]))).renderText(terminal))
        Console.out("\nTry it yourself: cd \(root) && quill diff HEAD~3 HEAD --format markdown")
    }
}
