@testable import QuillKit
import TestSupport
import Testing

/// The one-walk history of many prompts (review's charts) against one `log` per prompt, which the
/// suite "Prompt history against git log --follow" checks against git.
@Suite("many prompts' histories in one walk")
struct MultiPathLogTests {
    @Test("every prompt at HEAD gets the versions its own log lists, renames, copies and merges included",
          arguments: [UInt64(1), 7, 42, 2024])
    func sameAsOneLogEach(seed: UInt64) throws {
        var generator = HistoryGenerator(seed: seed, steps: 90)
        let history = generator.generate()
        #expect(history.renameCount >= 5)
        #expect(history.copyCount + history.skewCount >= 1)
        let repository = try TestRepository()
        try repository.importHistory(history)
        let workspace = try Workspace.open(from: repository.path)
        let head = try workspace.requireHead()
        // Every path twice: two prompts that follow the same path must both get its versions.
        let paths = history.finalPromptPaths.sorted() + history.finalPromptPaths.sorted()
        let logs = try workspace.logs(paths: paths, from: head)
        #expect(logs.count == paths.count)
        for (path, log) in zip(paths, logs) {
            #expect(log == (try workspace.log(prompt: path)), "\(path)")
        }
    }
}
