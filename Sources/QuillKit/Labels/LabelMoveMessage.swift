import Foundation
import GitKit

/// The message of a move commit on `refs/quill/labels` (docs/storage.md): a subject, the user's message
/// if any, and a last paragraph of trailers that say what moved, which readers parse.
///
/// ```
/// label 'production' on prompts/support.prompt: 1a2b3c4 -> 5d6e7f8
///
/// Ship the friendlier tone
///
/// Quill-Label: production
/// Quill-Prompt: prompts/support.prompt
/// Quill-From: <blob id> <commit id>
/// Quill-To: <blob id> <commit id>
/// ```
/// `Quill-From` is `none` for a label set for the first time on the prompt, `Quill-To` is `none` for a removal.
struct LabelMoveMessage: Equatable {
    let label: String
    let prompt: String
    let from: LabelVersion?
    let to: LabelVersion?
    /// What the user said about the move, if anything.
    let note: String?

    /// The commit message.
    var text: String {
        let subject = "label '\(label)' on \(prompt): \(LabelMoveMessage.short(from)) -> \(LabelMoveMessage.short(to))"
        let trailers = [
            "Quill-Label: \(label)", "Quill-Prompt: \(prompt)", "Quill-From: \(LabelMoveMessage.full(from))", "Quill-To: \(LabelMoveMessage.full(to))",
        ]
        return ([subject] + (note.map { [$0] } ?? []) + [trailers.joined(separator: "\n")]).joined(separator: "\n\n") + "\n"
    }

    init(label: String, prompt: String, from: LabelVersion?, to: LabelVersion?, note: String?) {
        self.label = label
        self.prompt = prompt
        self.from = from
        self.to = to
        let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        self.note = trimmed?.isEmpty == false ? trimmed : nil
    }

    /// Reads a move commit's message; `nil` when its last paragraph is not a move's trailers (a merge
    /// commit, or a commit some other tool wrote).
    ///
    /// Reads the message's UTF-8 bytes as git reads a message: paragraphs end at `\n\n`, lines at
    /// `\n`, whatever characters surround them (a prompt path ending in `\r` or starting with a
    /// combining mark is read back as written). Reading Swift `Character`s instead cost a fifth of
    /// `label log`'s time on a thousand moves.
    init?(parsing message: String) {
        let bytes = Array(LabelMoveMessage.trimmed(message).utf8)
        // The paragraph breaks, found left to right as a split on "\n\n" finds them.
        var breaks = [Int]()
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == LabelMoveMessage.lineFeed, bytes[index + 1] == LabelMoveMessage.lineFeed {
                breaks.append(index)
                index += 2
            } else {
                index += 1
            }
        }
        guard let first = breaks.first, let last = breaks.last else { return nil }
        var fields = [String: String]()
        for line in bytes[(last + 2)...].split(separator: LabelMoveMessage.lineFeed, omittingEmptySubsequences: false) {
            guard let colon = line.indices.dropLast().first(where: { line[$0] == UInt8(ascii: ":") && line[$0 + 1] == UInt8(ascii: " ") }) else { return nil }
            fields[String(decoding: line[..<colon], as: UTF8.self)] = String(decoding: line[(colon + 2)...], as: UTF8.self)
        }
        guard fields.count == 4, let label = fields["Quill-Label"], LabelName.isValid(label),
            let prompt = fields["Quill-Prompt"], !prompt.isEmpty,
            let fromText = fields["Quill-From"], let toText = fields["Quill-To"],
            let from = LabelMoveMessage.version(fromText), let to = LabelMoveMessage.version(toText)
        else { return nil }
        let note = first == last ? "" : String(decoding: bytes[(first + 2)..<last], as: UTF8.self)
        self.init(label: label, prompt: prompt, from: from, to: to, note: note)
    }

    private static let lineFeed = UInt8(ascii: "\n")

    /// `text` without leading and trailing white space and line breaks (Unicode's, as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` removes them).
    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let blank = CharacterSet.whitespacesAndNewlines
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, blank.contains(scalars[start]) { scalars.formIndex(after: &start) }
        while end > start, blank.contains(scalars[scalars.index(before: end)]) { scalars.formIndex(before: &end) }
        return String(scalars[start..<end])
    }

    /// `none`, or `<blob> <commit>`.
    private static func full(_ version: LabelVersion?) -> String {
        version.map { "\($0.blob) \($0.commit)" } ?? "none"
    }

    private static func short(_ version: LabelVersion?) -> String {
        version.map { String($0.blob.prefix(7)) } ?? "none"
    }

    /// A trailer's version: `.some(nil)` for `none`, `nil` when malformed.
    private static func version(_ text: String) -> LabelVersion?? {
        if text == "none" { return .some(nil) }
        let parts = text.utf8.split(separator: UInt8(ascii: " ")).map(Substring.init)
        guard parts.count == 2, let blob = ObjectID(hex: parts[0]), let commit = ObjectID(hex: parts[1]) else { return nil }
        return .some(LabelVersion(blob: blob.hex, commit: commit.hex))
    }
}
