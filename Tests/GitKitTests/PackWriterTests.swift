import Foundation
@testable import GitKit
import TestSupport
import Testing

@Suite("Pack writer")
struct PackWriterTests {
    @Test("objects of every size class, the empty one included, come back from the pack as git reads them", arguments: [0, 1, 300, 16_383, 16_384, 200_000])
    func sizes(size: Int) throws {
        let repository = try TestRepository()
        let packing = try repository.open().openPackingHandle()
        // Bytes that compress a little, and a second object through the same stream after a reset.
        let content = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 ^ $0 >> 3) })
        let ids = try [content, Data("after \(size)\n".utf8)].map { try packing.writeBlob($0) }
        try packing.writePendingObjects()
        // git checks each object's checksum, CRC and offset.
        for index in try FileManager.default.contentsOfDirectory(atPath: repository.path + "/.git/objects/pack") where index.hasSuffix(".idx") {
            try repository.git("verify-pack", ".git/objects/pack/" + index)
        }
        #expect(try repository.git("cat-file", "-s", ids[0].hex) == "\(size)")
        #expect(try repository.open().blobData(ids[0]) == content)
        #expect(try repository.git("cat-file", "-p", ids[1].hex) == "after \(size)")
    }

    @Test("a pack larger than the write buffer is read back while it is written, and git reads it whole once it is done")
    func streamed() throws {
        let repository = try TestRepository()
        let packing = try repository.open().openPackingHandle()
        var random = SplitMix64(seed: 19)
        // About 6 MB that hardly compress: the pack file is written in several pieces.
        let contents = (0..<3_000).map { number in Data((0..<2_000).map { _ in UInt8.random(in: 0...255, using: &random) } + Array("\(number)\n".utf8)) }
        var ids = [ObjectID]()
        for (number, content) in contents.enumerated() {
            ids.append(try packing.writeBlob(content))
            _ = try packing.writeBlob(content)  // written twice, packed once
            if number % 500 == 499 {
                // Objects written long ago (in the file) and just now (still buffered) read back through the handle.
                #expect(try packing.blobData(ids[number / 2]) == contents[number / 2])
                #expect(try packing.blobData(ids[number]) == contents[number])
            }
        }
        let folder = repository.path + "/.git/objects/pack"
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing in objects/pack before the pack is done")
        try packing.writePendingObjects()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files.count == 2)
        let index = try #require(files.first { $0.hasSuffix(".idx") })
        let listing = try repository.git("verify-pack", "-v", ".git/objects/pack/" + index)
        #expect(listing.contains("non delta: 3000 objects"), "\(listing.suffix(200))")
        // The index is the one git makes from the pack.
        let copy = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: folder + "/" + index.dropLast(4) + ".pack", toPath: copy.path + "/copy.pack")
        try repository.git("index-pack", copy.path + "/copy.pack")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy.path + "/copy.idx")) == Data(contentsOf: URL(fileURLWithPath: folder + "/" + index)))
        #expect(try repository.open().blobData(ids[2_999]) == contents[2_999])
        let left = try FileManager.default.contentsOfDirectory(atPath: repository.path + "/.git/objects").filter { $0.hasPrefix("tmp_") }
        #expect(left.isEmpty, "the writer's folder is removed once the pack is moved: \(left)")
    }
}
