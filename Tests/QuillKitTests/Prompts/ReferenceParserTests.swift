import Foundation
@testable import QuillKit
import Testing

/// Quill's reading of the samples in `Fixtures/reference/samples/` against what the formats' reference
/// implementations (dotpromptz 0.2.0, prompty 2.1.0, Jinja2 3.1.6, and tomllib for TOML) made of them, recorded in
/// `Fixtures/reference/expected.json` by `Fixtures/reference/make-expected.sh`.
@Suite("Dotprompt, Prompty, TOML and YAML samples read as their reference implementations read them")
struct ReferenceParserTests {
    /// One sample's expectation, as reference.py writes it.
    struct Expected: Decodable, Sendable {
        var accepted: Bool
        var line: Int?
        var model: String?
        var roles: [String]?
        var attributes: [[String: String]]?
        var variables: [String]?
    }

    static let expected: [String: Expected] = {
        guard let data = try? Fixtures.data("reference/expected.json") else { return [:] }
        return (try? JSONDecoder().decode([String: Expected].self, from: data)) ?? [:]
    }()

    @Test("the expectations were recorded for every sample")
    func everySampleHasExpectations() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.root.appendingPathComponent("reference/samples").path)
        #expect(Set(names) == Set(Self.expected.keys))
        #expect(names.count >= 17)
    }

    @Test("accepted or refused, roles, model, attributes and variables as the reference has them", arguments: expected.keys.sorted())
    func sample(_ name: String) throws {
        let expected = try #require(Self.expected[name])
        let data = try Fixtures.data("reference/samples/\(name)")
        let result = Result { () throws(InputFileError) in try PromptParser.parse(data, path: "prompts/\(name)") }
        guard expected.accepted else {
            let error = try #require(throws: InputFileError.self) { try result.get() }
            if let line = expected.line { #expect(error.line == line, "\(error)") }
            return
        }
        let prompt = try result.get()
        #expect(prompt.messages.map(\.role) == expected.roles)
        if name.hasSuffix(".prompt") { #expect(prompt.model == expected.model) }
        if let attributes = expected.attributes {
            #expect(prompt.messages.map { $0.attributes ?? [:] } == attributes)
        }
        if let variables = expected.variables { #expect(prompt.variables.sorted() == variables) }
    }
}
