import Foundation
@testable import QuillKit
import TestSupport
import Testing

@Suite("Regression attribution accuracy on generated histories")
struct AttributionAccuracyTests {
    typealias Shape = RegressionHistoryGenerator.Shape

    private static func run(_ shape: Shape, seeds: ClosedRange<UInt64>) throws -> AttributionTally {
        var tally = AttributionTally()
        for seed in seeds {
            var generator = RegressionHistoryGenerator(shape: shape, seed: seed)
            let history = try generator.generate()
            let report = try Workspace.open(from: history.repository.path).regressions(prompt: history.prompt, metric: "accuracy")
            tally.add(history, report)
        }
        print("\(shape.name): \(tally.summary)")
        return tally
    }

    @Test("dense histories: every kind of culprit at 3σ is named exactly", arguments: RegressionHistoryGenerator.Cause.allCases.filter { $0 != .none })
    func dense(cause: RegressionHistoryGenerator.Cause) throws {
        let tally = try Self.run(Shape(cause: cause, sigmas: 3, commits: 60, evaluatedEvery: 1), seeds: 1...3)
        #expect(tally.exactRate >= 0.95)
    }

    @Test("sparse histories: the culprit is named or among the candidates, and a named culprit is right", arguments: RegressionHistoryGenerator.Cause.allCases.filter { $0 != .none })
    func sparse(cause: RegressionHistoryGenerator.Cause) throws {
        let tally = try Self.run(Shape(cause: cause, sigmas: 3, commits: 120, evaluatedEvery: 5), seeds: 1...3)
        #expect(tally.exactOrAmongRate >= 0.95)
        #expect(tally.precision >= 0.95)
    }

    @Test("a shift of the means that the cases do not show names no culprit: noise-only histories with every split accepted")
    func unconfirmedShifts() throws {
        var detector = ChangePointDetector()
        detector.significance = 1
        detector.permutations = 1
        detector.minimumSegment = 8
        var (shifts, named) = (0, 0)
        for seed in UInt64(1)...3 {
            var generator = RegressionHistoryGenerator(shape: Shape(cause: .none, sigmas: 0, commits: 150, evaluatedEvery: 1), seed: seed)
            let history = try generator.generate()
            let report = try Workspace.open(from: history.repository.path)
                .regressions(prompt: history.prompt, metric: "accuracy", revision: "HEAD", since: nil, suite: nil, detector: detector)
            shifts += report.regressions.count
            named += report.regressions.filter { $0.culprit != nil }.count
            #expect(report.regressions.allSatisfy { $0.isConfirmedByCases || $0.culprit == nil })
        }
        print("noise-only shifts accepted by force: \(shifts), culprits named for them: \(named)")
        #expect(shifts >= 5)
        #expect(named * 10 <= shifts)
    }
}
