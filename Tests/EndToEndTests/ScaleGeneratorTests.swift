import Foundation
import TestSupport
import Testing

/// The scale benchmark's generator (scripts/bench/scale-bench.py) at a small size: it must write what
/// `quill eval record` writes, and quill must answer the same about the same commits whatever the
/// store's size, or the benchmark's million-record figures would measure something else.
@Suite("scale benchmark generator")
struct ScaleGeneratorTests {
    private static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/bench/scale-bench.py").path

    @Test("the generated store is quill's own, object for object and packed as quill packs it, and answers are identical at 32 and 576 records; fsck clean")
    func generatorMatchesQuill() throws {
        let data = try TemporaryFolder()
        let result = try ProcessRunner.run(
            "/usr/bin/env",
            ["python3", ScaleGeneratorTests.script, QuillBinary.path, data.path, "--commits", "72", "--prompts", "4", "--suites", "2",
             "--batch-commits", "4", "--check"],
            in: data.path, environment: TestEnvironment.variables())
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(report?["records_small"] as? Int == 32 && report?["records_large"] as? Int == 576, "\(result.stdout)")
        #expect((report?["failures"] as? [String])?.isEmpty == true, "\(result.stdout)")
    }
}
