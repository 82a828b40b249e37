import Foundation
import TestSupport
import Testing

/// GitHub-flavoured markdown read back by a real parser, so tests assert what GitHub would show.
enum GitHubMarkdown {
    /// HTML from GitHub's own markdown parser (Debian package `cmark-gfm`, installed by .ci/run).
    static func html(_ markdown: String) throws -> String {
        let path = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let parser = try #require(path, "cmark-gfm is not installed; run .ci/run or apt-get install cmark-gfm")
        let result = try ProcessRunner.run(parser, ["--extension", "table", "--unsafe"], input: Data(markdown.utf8))
        #expect(result.status == 0)
        return result.stdout
    }

    /// The cells of every row of the `index`-th table: header row first.
    static func tableRows(_ html: String, index: Int) throws -> [[String]] {
        let tables = html.components(separatedBy: "<table>").dropFirst().map { $0.components(separatedBy: "</table>")[0] }
        let table = try #require(tables.count > index ? tables[index] : nil)
        return table.components(separatedBy: "<tr>").dropFirst().map { row in
            row.components(separatedBy: "</tr>")[0].components(separatedBy: ["<", ">"]).enumerated()
                .filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: "\u{1F}")
                .split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        }.map { parts in parts.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }
    }
}
