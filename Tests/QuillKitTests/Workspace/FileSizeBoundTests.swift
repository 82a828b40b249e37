@testable import QuillKit
import Testing

@Suite("file size bounds")
struct FileSizeBoundTests {
    @Test("a file at the bound is read; one byte more is refused with its size and the bound", arguments: [FileSizeBound.prompt, .resultFile])
    func bound(_ bound: FileSizeBound) throws {
        try bound.check(bound.bytes, file: "f")
        #expect(throws: InputFileError.self) { try bound.check(bound.bytes + 1, file: "f") }
    }
}
