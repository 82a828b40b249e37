/// The layout of a command's help discussion, for ArgumentParser to wrap at the terminal's width.
enum HelpText {
    /// `paragraphs`, each one line that ArgumentParser wraps (a hard line break inside one would be
    /// wrapped again into a ragged line), separated by blank lines, then `examples` one a line under
    /// `Examples:`, indented, never wrapped at 80 columns.
    ///
    /// Built by appending rather than `joined(separator:)`: every command's discussion is built at
    /// each start (ArgumentParser reads the whole tree's configurations), and the first call of that
    /// unspecialised generic costs the runtime's look-ups of its associated types (about 0.1 ms).
    static func discussion(_ paragraphs: String..., examples: [String]) -> String {
        var text = ""
        for paragraph in paragraphs {
            text += paragraph
            text += "\n\n"
        }
        text += "Examples:\n"
        for index in examples.indices {
            if index > 0 { text += "\n" }
            text += "  "
            text += examples[index]
        }
        return text
    }
}
