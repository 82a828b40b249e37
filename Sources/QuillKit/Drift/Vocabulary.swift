/// The words of both sides of a comparison, each interned once as a small integer, so n-grams are
/// counted as integer tuples and the two sides' counts line up by index.
struct Vocabulary {
    private var ids = [String: Int32]()
    /// The words, by id.
    private(set) var words = [String]()

    /// The id of `word`, interning it when it is new.
    mutating func id(of word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(words.count)
        ids[word] = id
        words.append(word)
        return id
    }

    /// The word with `id`.
    subscript(id: Int32) -> String { words[Int(id)] }

    /// How many words there are.
    var count: Int { words.count }
}
