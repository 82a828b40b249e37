@testable import QuillKit
import Testing

@Suite("utf8-window splitter")
struct TextSplitterTests {
    @Test("windows of the size, overlapping, ending at character starts, ids numbered")
    func windows() throws {
        let splitter = try TextSplitter(size: 10, overlap: 3)
        let chunks = splitter.chunks(of: Array("abcdefghijklmnopqrstuvwxyz".utf8), id: "d")
        #expect(chunks.map { [$0.start!, $0.end!] } == [[0, 10], [7, 17], [14, 24], [21, 26]])
        #expect(chunks.map(\.id) == ["d#0", "d#1", "d#2", "d#3"])
        // "é" is two bytes: a window never cuts one in half.
        let accented = Array("ééééééé".utf8)
        let spans = try TextSplitter(size: 5, overlap: 1).chunks(of: accented, id: "e").map { [$0.start!, $0.end!] }
        #expect(spans.allSatisfy { $0[0] % 2 == 0 && $0[1] % 2 == 0 } && spans.last?[1] == 14)
        #expect(splitter.chunks(of: [], id: "x").isEmpty)
        #expect(throws: QuillError.self) { try TextSplitter(size: 10, overlap: 10) }
    }
}
