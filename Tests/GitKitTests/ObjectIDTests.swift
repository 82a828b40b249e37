import Foundation
import GitKit
import TestSupport
import Testing

@Suite("ObjectID")
struct ObjectIDTests {
    @Test("parses hex in either case and prints lower case")
    func parsesHex() throws {
        let id = try #require(ObjectID(hex: "E69DE29BB2D1D6434B8B29AE775AD8C2E48C5391"))
        #expect(id.hex == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        #expect(id.abbreviated() == "e69de29")
    }

    @Test("refuses wrong lengths and non-hex digits", arguments: ["", "e69de29", "g69de29bb2d1d6434b8b29ae775ad8c2e48c5391", "e69de29bb2d1d6434b8b29ae775ad8c2e48c53911"])
    func refusesBadHex(text: String) {
        #expect(ObjectID(hex: text) == nil)
    }

    @Test("orders by bytes and hashes by value")
    func ordersAndHashes() throws {
        let low = try #require(ObjectID(hex: String(repeating: "0", count: 39) + "1"))
        let high = try #require(ObjectID(hex: "1" + String(repeating: "0", count: 39)))
        #expect(low < high)
        #expect(Set([low, high, low]).count == 2)
        #expect(ObjectID.zero < low)
    }

    @Test("hashes content exactly as git hash-object does")
    func hashesLikeGit() throws {
        let repository = try TestRepository()
        try repository.write("file.txt", "hello\n")
        let expected = try repository.git("hash-object", "file.txt")
        #expect(try Repository.blobID(of: Data("hello\n".utf8)).hex == expected)
    }
}
