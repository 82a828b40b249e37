import Foundation
@testable import GitKit
import TestSupport
import Testing

@Suite("Pack encoder")
struct PackEncoderTests {
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
}
