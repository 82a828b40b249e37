@testable import QuillKit

/// Random edits of lines a reader wrote, for checking that a fast reader accepts nothing its full
/// reader refuses or reads otherwise.
enum LineMutation {
    /// One of `lines` with one to three bytes replaced, inserted or removed, drawn from `alphabet`.
    static func mutated(_ lines: [[UInt8]], alphabet: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var line = lines.randomElement(using: &random)!
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let at = Int.random(in: 0..<line.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: line[at] = alphabet.randomElement(using: &random)!
            case 1: line.insert(alphabet.randomElement(using: &random)!, at: at)
            default: if line.count > 1 { line.remove(at: at) }
            }
        }
        return line
    }
}
