import Foundation
@testable import GitKit
import Testing

@Suite("bounded file reads")
struct BoundedFileReadTests {
    private func temporaryFile(_ data: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bounded-\(UUID().uuidString)").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a regular file at the bound is read whole; one byte more is refused with its size")
    func regularFile() throws {
        let path = try temporaryFile(Data((0..<1000).map { UInt8($0 % 251) }))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try BoundedFileRead.contents(atPath: path, limit: 1000) == Data((0..<1000).map { UInt8($0 % 251) }))
        #expect(throws: FileTooLarge(size: 1000)) { try BoundedFileRead.contents(atPath: path, limit: 999) }
        #expect(try BoundedFileRead.contents(atPath: path + "-missing", limit: 1000) == nil)
    }

    @Test("an empty file reads as no bytes")
    func emptyFile() throws {
        let path = try temporaryFile(Data())
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try BoundedFileRead.contents(atPath: path, limit: 0) == Data())
    }

    @Test("a device without end is read up to one byte past the bound, then refused without a size")
    func endlessDevice() throws {
        #expect(throws: FileTooLarge(size: nil)) { try BoundedFileRead.contents(atPath: "/dev/zero", limit: 300_000) }
    }

    @Test("a /proc file whose size reads as 0 is read to its end")
    func procFile() throws {
        let status = try #require(try BoundedFileRead.contents(atPath: "/proc/self/status", limit: 1 << 20))
        #expect(String(decoding: status, as: UTF8.self).contains("VmPeak"))
        #expect(throws: FileTooLarge(size: nil)) { try BoundedFileRead.contents(atPath: "/proc/self/status", limit: 10) }
    }

    @Test("a pipe is read to its end within the bound, and refused past it", arguments: [100_000, 100_001])
    func pipe(size: Int) throws {
        var ends: [Int32] = [0, 0]
        #expect(Glibc.pipe(&ends) == 0)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        // The bytes go in from another thread, as a pipe's writer would; a refused read takes every
        // one of them (the bound plus one), so the writer never meets a closed pipe.
        let bytes = Data(repeating: UInt8(ascii: "x"), count: size)
        let writer = Thread {
            let handle = FileHandle(fileDescriptor: writeEnd, closeOnDealloc: true)
            try? handle.write(contentsOf: bytes)
            try? handle.close()
        }
        writer.start()
        defer { close(readEnd) }
        if size <= 100_000 {
            #expect(try BoundedFileRead.contents(of: readEnd, limit: 100_000) == bytes)
        } else {
            #expect(throws: FileTooLarge(size: nil)) { try BoundedFileRead.contents(of: readEnd, limit: 100_000) }
        }
    }
}
