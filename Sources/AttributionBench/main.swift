import Foundation
import QuillKit
import TestSupport

// Generates regression histories (RegressionHistoryGenerator) of every shape for seeds 1...N, runs
// Quill's attribution on each and writes, into OUT: one CSV series per history for Otava
// (`series/<id>.csv`: time, commit, accuracy) and `quill.jsonl` with the truth and Quill's answer.
//
//     AttributionBench OUT SEEDS
//
// scripts/bench/attribution.sh builds and runs it, then runs Otava on the same series and scores both.

typealias Shape = RegressionHistoryGenerator.Shape

let arguments = CommandLine.arguments
guard arguments.count == 3, let seeds = UInt64(arguments[2]), seeds > 0 else {
    FileHandle.standardError.write(Data("usage: AttributionBench OUT SEEDS\n".utf8))
    exit(2)
}
let out = arguments[1]
try FileManager.default.createDirectory(atPath: out + "/series", withIntermediateDirectories: true)

var shapes = [Shape]()
for sigmas in [3.0, 5.0] {
    for cause in RegressionHistoryGenerator.Cause.allCases where cause != .none {
        shapes.append(Shape(cause: cause, sigmas: sigmas, commits: 150, evaluatedEvery: 1))
        shapes.append(Shape(cause: cause, sigmas: sigmas, commits: 300, evaluatedEvery: 5))
    }
    shapes.append(Shape(cause: .prompt, sigmas: sigmas, commits: 150, evaluatedEvery: 1, onBranch: true, branchEvaluated: true))
    shapes.append(Shape(cause: .prompt, sigmas: sigmas, commits: 150, evaluatedEvery: 1, onBranch: true))
    shapes.append(Shape(cause: .prompt, sigmas: sigmas, commits: 300, evaluatedEvery: 5, onBranch: true))
}
shapes.append(Shape(cause: .prompt, sigmas: 5, commits: 40, evaluatedEvery: 5))
shapes.append(Shape(cause: .none, sigmas: 0, commits: 300, evaluatedEvery: 1))
shapes.append(Shape(cause: .none, sigmas: 0, commits: 300, evaluatedEvery: 5))
shapes.append(Shape(cause: .none, sigmas: 0, commits: 40, evaluatedEvery: 5))

FileManager.default.createFile(atPath: out + "/quill.jsonl", contents: nil)
let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out + "/quill.jsonl"))
for shape in shapes {
    var tally = AttributionTally()
    for seed in 1...seeds {
        var generator = RegressionHistoryGenerator(shape: shape, seed: seed)
        let history = try generator.generate()
        let started = Date()
        let report = try Workspace.open(from: history.repository.path).regressions(prompt: history.prompt, metric: "accuracy")
        let seconds = Date().timeIntervalSince(started)
        tally.add(history, report)
        let id = "\(shape.name)-\(seed)"
        let csv = "time,commit,accuracy\n" + history.series.enumerated().map { index, point in
            "\(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_704_067_200 + 3600 * Double(index)))),\(point.commit),\(point.value)"
        }.joined(separator: "\n")
        try Data(csv.utf8).write(to: URL(fileURLWithPath: out + "/series/\(id).csv"))
        let regressions: [[String: Any]] = report.regressions.map { regression in
            [
                "culprit": regression.culprit ?? NSNull(), "ambiguous": regression.ambiguous, "lowConfidence": regression.lowConfidence,
                "firstBad": regression.firstBad, "candidates": regression.candidates.map(\.commit),
                "probabilities": regression.candidates.map(\.probability),
            ]
        }
        let line: [String: Any] = [
            "id": id, "shape": shape.name, "cause": shape.cause.rawValue, "sigmas": shape.sigmas,
            "density": shape.evaluatedEvery == 1 ? "dense" : "sparse", "onBranch": shape.onBranch, "branchEvaluated": shape.branchEvaluated,
            "commits": history.commitCount, "points": history.series.count,
            "series": history.series.map(\.commit), "culprit": history.culprit ?? NSNull(), "merge": history.merge ?? NSNull(),
            "seconds": seconds, "regressions": regressions,
        ]
        handle.write(try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]))
        handle.write(Data("\n".utf8))
    }
    FileHandle.standardError.write(Data("\(shape.name): \(tally.summary)\n".utf8))
}
try handle.close()
