import ArgumentParser
import Foundation
@testable import QuillCommands
import TestSupport
import Testing

/// Every JSON output names its schema, and the schemas in docs/schemas/ hold the real outputs.
@Suite("JSON output schemas")
struct JSONSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    /// Schemas of files Quill reads, not of its outputs.
    static let inputSchemas: Set<String> = ["manifest", "eval-result"]

    /// Runs the validator on `outputs` written into a folder, with `schemas` as the schema folder.
    private func validate(_ outputs: [(String, String)], schemas: String = root + "/docs/schemas", probe: Bool = false) throws -> ProcessResult {
        let folder = try TemporaryFolder()
        var files = [String]()
        for (name, json) in outputs {
            let file = folder.path + "/" + name + ".json"
            try Data(json.utf8).write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        return try ProcessRunner.run("/usr/bin/env", ["python3", Self.root + "/scripts/check-json-schemas.py"] + (probe ? ["--probe"] : []) + [schemas] + files)
    }

    /// The command at `path` in Quill's command tree.
    static func command(at path: [String]) -> (any ParsableCommand.Type)? {
        var command: any ParsableCommand.Type = Quill.self
        for name in path {
            guard let next = command.configuration.subcommands.first(where: { $0.configuration.commandName == name }) else { return nil }
            command = next
        }
        return command
    }

    @Test("every real JSON output carries its command's schema key and validates against its schema; renaming any field of a closed object, or adding one, fails")
    func realOutputsValidate() throws {
        let samples = try JSONOutputSamples().samples
        var outputs = [(String, String)]()
        var seen = Set<String>()
        for (index, sample) in samples.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(sample.json.utf8)) as? [String: Any], "\(sample.arguments)")
            let schemas = try #require(Self.command(at: sample.command) as? any JSONOutputCommand.Type, "\(sample.command)").schemas
            let identifier = object["schema"] as? String
            #expect(schemas.map(\.identifier).contains(identifier ?? ""), "quill \(sample.arguments.joined(separator: " ")) printed schema \(identifier ?? "none")")
            seen.insert(identifier ?? "")
            outputs.append(("\(index)-" + sample.command.joined(separator: "-"), sample.json))
        }
        #expect(seen == Set(OutputSchema.allCases.map(\.identifier)), "outputs of every schema are checked")
        let result = try validate(outputs, probe: true)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test("a field renamed in an output, or in its schema, fails validation and is named")
    func renamedFieldFails() throws {
        let repository = try TestRepository()
        try repository.write("prompts/a.md", "Hi\n")
        let status = try QuillBinary.run(["status", "--format", "json"], in: repository.path).stdout
        #expect(try validate([("status", status)]).status == 0)
        let renamedOutput = try validate([("status", status.replacingOccurrences(of: "\"unparseable\"", with: "\"unparsable\""))])
        #expect(renamedOutput.status == 1 && renamedOutput.stdout.contains("'unparseable' is a required property"), "\(renamedOutput.stdout)")

        let schemas = try TemporaryFolder()
        let schema = try String(contentsOfFile: Self.root + "/docs/schemas/status.schema.json", encoding: .utf8)
        try Data(schema.replacingOccurrences(of: "\"unparseable\"", with: "\"unparsable\"").utf8)
            .write(to: URL(fileURLWithPath: schemas.path + "/status.schema.json"))
        let renamedSchema = try validate([("status", status)], schemas: schemas.path)
        #expect(renamedSchema.status == 1 && renamedSchema.stdout.contains("'unparseable' was unexpected"), "\(renamedSchema.stdout)")
    }

    @Test("the schemas of the files Quill reads accept Quill's own examples of them and refuse a renamed key")
    func inputSchemas() throws {
        let folder = try TemporaryFolder()
        let manifest = folder.path + "/manifest.json"
        try Data(#"{"quill-manifest": 1, "store": {"kind": "chroma"}, "documents": [{"id": "a.md", "text": "Hi", "chunks": [{"id": "a#0", "embedding": [0.5, 1]}]}]}"#.utf8)
            .write(to: URL(fileURLWithPath: manifest))
        let renamed = folder.path + "/renamed.json"
        try Data(#"{"quill_manifest": 1}"#.utf8).write(to: URL(fileURLWithPath: renamed))
        let validate = "import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])), cls=jsonschema.Draft202012Validator)"
        let cases = [("eval-result", Self.root + "/Fixtures/evals/quill.json", 0), ("manifest", manifest, 0), ("manifest", renamed, 1)]
        for (schema, file, status) in cases {
            let result = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", validate, Self.root + "/docs/schemas/\(schema).schema.json", file])
            #expect(result.status == Int32(status), "\(schema) on \(file): \(result.stderr)")
        }
    }

    @Test("every command that accepts --format json declares its schemas, and each schema has a file; every output schema file is one of them")
    func everyJSONCommandHasSchemas() throws {
        let tree = try CommandTree.dumped()
        var declared = Set<OutputSchema>()
        for command in tree.commands where command.options.contains(where: { $0.values.contains("json") && $0.isOutputFormat }) {
            let type = try #require(Self.command(at: command.path), "\(command.path)")
            let schemas = (type as? any JSONOutputCommand.Type)?.schemas ?? []
            #expect(!schemas.isEmpty, "'quill \(command.path.joined(separator: " "))' prints JSON but names no schema")
            declared.formUnion(schemas)
        }
        #expect(declared == Set(OutputSchema.allCases))
        for schema in OutputSchema.allCases {
            #expect(FileManager.default.fileExists(atPath: Self.root + "/" + schema.file), "\(schema.file)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/docs/schemas").filter { $0.hasSuffix(".schema.json") }
        let names = Set(files.map { String($0.dropLast(".schema.json".count)) }).subtracting(Self.inputSchemas)
        #expect(names == Set(OutputSchema.allCases.map(\.rawValue)))
        let manual = try String(contentsOfFile: Self.root + "/docs/commands.md", encoding: .utf8)
        for schema in OutputSchema.allCases { #expect(manual.contains("`\(schema.rawValue)`"), "docs/commands.md lists \(schema.rawValue)") }
    }
}
