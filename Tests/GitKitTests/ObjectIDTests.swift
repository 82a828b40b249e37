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

    @Test("takes exactly the hex digits of either case at any position, every other character refused", arguments: [0, 19, 39])
    func takesOnlyHexDigits(position: Int) {
        let base = Array("0123456789abcdefABCDEF0123456789abcdef01".utf8)
        for byte in UInt8(0)...UInt8(127) {
            var digits = base
            digits[position] = byte
            let text = String(decoding: digits, as: UTF8.self)
            let isHexDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
            #expect(ObjectID(hex: text)?.hex == (isHexDigit ? text.lowercased() : nil), "byte \(byte) at \(position)")
        }
        // Two-byte characters in place of two digits keep the length and are refused.
        for character in ["é", "Á", "ã", "Ä"] {
            var text = String(decoding: base, as: UTF8.self)
            text.replaceSubrange(text.index(text.startIndex, offsetBy: min(position, 38))..<text.index(text.startIndex, offsetBy: min(position, 38) + 2), with: character)
            #expect(text.utf8.count == 40)
            #expect(ObjectID(hex: text) == nil, "\(character) at \(position)")
        }
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
