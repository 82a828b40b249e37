import Foundation

/// One side of a drift comparison, ready to be read on any thread: a file's bytes with the reader
/// of its format, or texts already at hand (a manifest's documents).
enum TextCollection: Sendable {
    case file(Data, DatasetReader)
    case texts([String])

    /// Hands each document to `document`, in order.
    func read(_ document: (String) -> Void) throws(InputFileError) {
        switch self {
        case .file(let data, let reader): try reader.read(data, document: document)
        case .texts(let texts): texts.forEach(document)
        }
    }

    /// What the collection was expected to be, for the error when it holds no word.
    var kind: String {
        switch self {
        case .file(_, let reader): "\(reader.format.rawValue) file"
        case .texts: "manifest of text documents"
        }
    }
}
