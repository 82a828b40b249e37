import Foundation
import TestSupport
import Testing

@testable import QuillKit

/// `PickleReader` against pickles Python's own `pickle` module writes.
@Suite("pickle reader")
struct PickleReaderTests {
    /// The bytes `pickle.dumps` makes of the Python expression `expression` (after `setup`).
    private func pickled(_ expression: String, protocol version: Int = 5, setup: String = "") throws -> [UInt8] {
        let script = "import pickle, os, collections\n\(setup)\nprint(pickle.dumps(\(expression), protocol=\(version)).hex())"
        let result = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", script], in: FileManager.default.temporaryDirectory.path, environment: TestEnvironment.variables())
        guard result.status == 0 else { throw TestFailure("python3 failed: \(result.stderr)") }
        let hex = Array(result.output.utf8)
        return stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    @Test("dicts, lists, tuples, strings, integers, floats, None and booleans, in protocols 2 to 5", arguments: 2...5)
    func data(version: Int) throws {
        let bytes = try pickled(#"{"a": 1, "b": [1, -2, 300, 70000, 2**40, -2**63, None, True, False, 1.5, "é"], "t": (1, 2), "n": {"x": {}, 7: "s"}, "s": ["x", "x"]}"#, protocol: version)
        let expected = PickleValue.dict([
            .string("a"): .int(1),
            .string("b"): .list([.int(1), .int(-2), .int(300), .int(70000), .int(1 << 40), .int(Int64.min), .none, .bool(true), .bool(false), .float(1.5), .string("é")]),
            .string("t"): .tuple([.int(1), .int(2)]),
            .string("n"): .dict([.string("x"): .dict([:]), .int(7): .string("s")]),
            .string("s"): .list([.string("x"), .string("x")]),
        ])
        #expect(try PickleReader.decode(bytes) == expected)
    }

    @Test("an object of a named class is read as its state; the class is never imported")
    func namedClass() throws {
        // The class lives in a module made on the spot, as chromadb 0.6 declares it.
        let setup = """
            import sys, types
            parts = 'chromadb.segment.impl.vector.local_persistent_hnsw'.split('.')
            for end in range(1, len(parts) + 1):
                module = sys.modules.setdefault('.'.join(parts[:end]), types.ModuleType('.'.join(parts[:end])))
            class PersistentData: pass
            PersistentData.__module__ = module.__name__
            module.PersistentData = PersistentData
            o = PersistentData()
            o.id_to_label = {'a': 1}
            """
        let bytes = try pickled("o", setup: setup)
        let value = try PickleReader.decode(bytes, classes: ["chromadb.segment.impl.vector.local_persistent_hnsw.PersistentData"])
        #expect(value["id_to_label"] == .dict([.string("a"): .int(1)]))
        let refused = try #require(throws: PickleReader.Failure.self) { try PickleReader.decode(bytes) }
        #expect(refused.reason.contains("STACK_GLOBAL names Python code"))
    }

    @Test("code, other classes, shared containers, deep nesting and cut pickles are refused", arguments: [
        ("os.system", "", "names Python code"),
        ("collections.OrderedDict(a=1)", "", "names Python code"),
        ("{'a': l, 'b': l}", "l = [1]", "a second reference to a container"),
        ("l", "l = []\nfor _ in range(40): l = [l]", "nested more than 32 deep"),
    ])
    func refused(expression: String, setup: String, reason: String) throws {
        for version in [2, 5] {
            let error = try #require(throws: PickleReader.Failure.self) { try PickleReader.decode(try pickled(expression, protocol: version, setup: setup)) }
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test("every prefix of a pickle is refused, none read past its end")
    func prefixes() throws {
        let bytes = try pickled(#"{"id_to_label": {"a": 1, "b": 2}, "max_seq_id": 40}"#)
        #expect(try PickleReader.decode(bytes)["max_seq_id"] == .int(40))
        for end in 0..<bytes.count {
            #expect(throws: PickleReader.Failure.self) { try PickleReader.decode(Array(bytes[..<end])) }
        }
    }
}
