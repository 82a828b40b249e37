// Loads a prompt version by label or revision from a git repository, shows its variables, renders
// it with NAME=VALUE arguments, and prints its scores: what an application does at start-up.
//
//     load-prompt REPOSITORY PROMPT@LABEL [NAME=VALUE …] [--repeat N]
//
// With --repeat N, also loads the prompt N more times and prints the mean time of one load (the
// repository already open) on standard error.
import Foundation
import QuillKit

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 0
if let flag = arguments.firstIndex(of: "--repeat"), flag + 1 < arguments.count, let count = Int(arguments[flag + 1]) {
    repeats = count
    arguments.removeSubrange(flag...(flag + 1))
}
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: load-prompt REPOSITORY PROMPT@LABEL [NAME=VALUE …] [--repeat N]\n".utf8))
    exit(2)
}
var variables = [String: String]()
for pair in arguments.dropFirst(2) {
    let parts = pair.split(separator: "=", maxSplits: 1)
    if parts.count == 2 { variables[String(parts[0])] = String(parts[1]) }
}

do {
    let library = try PromptLibrary.open(at: arguments[0])
    let prompt = try library.load(arguments[1])
    print("\(prompt.path) version \(prompt.blob.prefix(7)) from commit \(prompt.commit.prefix(7))" + (prompt.label.map { " (label \($0))" } ?? ""))
    let parsed = try prompt.parsed()
    print("variables: \(parsed.variables.joined(separator: ", "))")
    if parsed.variables.allSatisfy({ name in variables.keys.contains { $0 == name || $0.hasPrefix(name + ".") } }) {
        for message in try prompt.render(variables) {
            print("[\(message.role)] \(message.text)")
        }
    }
    for score in try library.scores(of: prompt) {
        let metrics = score.metrics.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.mean)" }
        print("scores (\(score.suite), \(score.records) records): \(metrics.joined(separator: " "))")
    }
    if repeats > 0 {
        let start = ContinuousClock.now
        for _ in 0..<repeats { _ = try library.load(arguments[1]) }
        let mean = (ContinuousClock.now - start) / repeats
        let microseconds = Double(mean.components.attoseconds) / 1e12 + Double(mean.components.seconds) * 1e6
        FileHandle.standardError.write(Data("load: \(String(format: "%.1f", microseconds)) us mean of \(repeats)\n".utf8))
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
