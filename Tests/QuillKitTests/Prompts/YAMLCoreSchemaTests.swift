@testable import QuillKit
import Testing
import Yams

/// Quill types plain scalars without Yams' regular expressions; Yams' default resolver is the oracle.
@Suite("YAML core schema")
struct YAMLCoreSchemaTests {
    /// The tag Yams' default resolver gives a plain scalar of `text`.
    private static func yamsTag(_ text: String) -> Yams.Tag.Name {
        Resolver.default.resolveTag(of: Node(text))
    }

    /// Scalars at the edges of each of the resolver's patterns.
    static let edges = [
        "", "~", "null", "Null", "NULL", "nULL", "none", "yes", "Yes", "YES", "yES", "y", "n", "no", "NO", "on", "On", "oN",
        "off", "OFF", "true", "True", "tRUE", "false", "FALSE", "False", "0", "-0", "+0", "00", "0_", "07", "08", "09", "0o7",
        "0o8", "0o", "0b", "0b1", "0b2", "0b_", "0x", "0x10", "0xG", "0X10", "0x_", "-0x1f", "+0b101", "1_000", "1__", "_1",
        "12:30", "1:30:59", "1:60", "1:5", "1:05", "1:65", "0:30", "1:", ":30", "1.", ".5", "-.5", "+.5", "._", "._5", "1e3",
        "1E3", "1e+3", "1e-3", "1e", "1e+", ".5e3", ".5e+3", "1.5e3", "1_0.5_", "12:30.5", "12:30:1.", "12:30", "-1:30.",
        ".inf", ".Inf", ".INF", ".iNF", "+.inf", "-.Inf", "inf", ".nan", ".NaN", ".NAN", "+.nan", "-.nan", "nan", "<<", "<",
        "=", "==", "2001-12-14", "2001-12-4", "2001-1-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
        "2001-12-14T21:59:43Z", "2001-12-14 21:59:43 Z", "2001-12-14\t21:59:43", "2001-12-14 1:59:43", "2001-12-14 21:5:43",
        "2001-12-14 21:59:43.", "2001-12-14 21:59:43+5:30", "2001-12-14 21:59:43+05:3", "2001-12-14 21:59:43 +123",
        "2001-12-14T", "20011-12-14", "2001-123-14", "2001-12-14 21:59:43 ", "１２", "٣", "1\u{301}", "yes\u{301}", "+", "-",
        "prompts/**", "accuracy", "higher", "0.8", "0.05", "250", "1,000", "1 000", "$1", "1%", "0x1p3", "1e3.5",
    ]

    @Test("plain scalars get the tags of Yams' default resolver", arguments: edges)
    func edgeScalars(text: String) {
        #expect(YAMLCoreSchema.tag(ofPlain: text) == Self.yamsTag(text))
    }

    @Test("every string of up to three characters from the patterns' alphabet gets the resolver's tag")
    func shortStrings() {
        let alphabet = Array("0159_.:-+eExbo nTZyNlai~<=")
        var texts = [""]
        for length in 1...3 {
            texts += texts.filter { $0.count == length - 1 }.flatMap { prefix in alphabet.map { prefix + String($0) } }
        }
        let differing = texts.filter { YAMLCoreSchema.tag(ofPlain: $0) != Self.yamsTag($0) }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    @Test("random numbers, times and words from the patterns' pieces get the resolver's tag")
    func randomStrings() {
        let pieces = ["0", "1", "5", "7", "9", "12", "_", ".", ":", "-", "+", "e", "E", "x", "b", "o", "a", "F", "inf", "nan",
                      "2001-12-14", "T", " ", "\t", "Z", "21:59:43", "yes", "Off", "NULL", "~", "<<", "="]
        var generator = SeededGenerator(seed: 12)
        var differing = [String]()
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 6) + 1
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            if YAMLCoreSchema.tag(ofPlain: text) != Self.yamsTag(text) { differing.append(text) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    /// Documents typed by `YAMLSource.compose` as Yams' default resolver types them, including keys
    /// untyped composition would take for duplicates, explicit tags and aliases.
    static let documents = [
        "notes: yes\nmin: 0x10\nmax: 1e3\nnan: .nan\nnull: ~\nquoted: '12'\nq2: \"yes\"\nempty:\n",
        "1: one\n\"1\": quoted one\nyes: a\n'yes': b\n~: c\n'~': d\n",
        "[1, '1', 0o7, 1:30, 2001-12-14, <<, =, -.inf, +.5, 0b_]",
        "a: !!str 12\nb: ! 12\nc: !!int '12'\n!!str 1: x\n1: y\n",
        "base: &b {n: 1, t: true}\nuse: *b\nlist: [*b, *b]\n",
        "? [1, '1']\n: collection key\nplain: |\n  12\nfolded: >\n  yes\n",
        "text: Hello!\nnumbers:\n  - 1\n  - 1.5\n  - -2\n  - [0x_, 1:5]\n",
        "loud: 'Wow !'\nnumber: 12\n",
    ]

    @Test("documents compose to the trees and values Yams' default resolver gives", arguments: documents)
    func documentsMatchYams(yaml: String) throws {
        let composed = try #require(try YAMLSource.compose(yaml))
        let typed = try #require(try Yams.compose(yaml: yaml))
        #expect(composed == typed)
        #expect(String(describing: YAMLSource.value(of: composed)) == String(describing: YAMLSource.value(of: typed)))
    }

    @Test("a duplicate key is the same error whichever way the document is composed", arguments: [
        ("a: 1\na: 2\n", "1:1: invalid YAML: duplicate key 'a'; expected each key once in a mapping"),
        ("x:\n  1: a\n  1: b\n", "2:3: invalid YAML: duplicate key '1'; expected each key once in a mapping"),
        ("x: [{'k': 1, 'k': 2}]\n", "1:6: invalid YAML: duplicate key 'k'; expected each key once in a mapping"),
    ])
    func duplicateKeys(yaml: String, expected: String) {
        #expect(throws: SourceIssue.self) { try YAMLSource.compose(yaml) }
        do {
            _ = try YAMLSource.compose(yaml)
        } catch {
            #expect("\(error.line ?? 0):\(error.column ?? 0): \(error.message)" == expected)
        }
    }
}
