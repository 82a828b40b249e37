import Foundation
@testable import QuillKit
import Testing

@Suite("Batch channel")
struct BatchChannelTests {
    private struct Failure: Error, Equatable {}

    @Test("hands every batch from a producing thread to the consumer in order, then ends, and stays ended")
    func ordered() throws {
        let channel = BatchChannel<Int>()
        let thread = Thread {
            for start in stride(from: 0, to: 10_000, by: 100) { channel.send(Array(start..<start + 100)) }
            channel.close()
        }
        thread.start()
        var received = [Int]()
        while let batch = try channel.receive() { received += batch }
        #expect(received == Array(0..<10_000))
        #expect(try channel.receive() == nil)
    }

    @Test("drops an empty batch: the consumer never receives one")
    func emptyBatch() throws {
        let channel = BatchChannel<Int>()
        channel.send([])
        channel.send([7])
        channel.send([])
        channel.close()
        #expect(try channel.receive() == [7])
        #expect(try channel.receive() == nil)
    }

    @Test("delivers the batches sent before a failure, then throws it, and throws it again")
    func failure() throws {
        let channel = BatchChannel<String>()
        channel.send(["a", "b"])
        channel.close(failure: Failure())
        #expect(try channel.receive() == ["a", "b"])
        #expect(throws: Failure.self) { try channel.receive() }
        #expect(throws: Failure.self) { try channel.receive() }
    }
}
