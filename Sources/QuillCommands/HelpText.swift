/// The layout of a command's help discussion, for ArgumentParser to wrap at the terminal's width.
enum HelpText {
    /// `paragraphs`, each one line that ArgumentParser wraps (a hard line break inside one would be
    /// wrapped again into a ragged line), separated by blank lines, then `examples` one a line under
    /// `Examples:`, indented, never wrapped at 80 columns.
    static func discussion(_ paragraphs: String..., examples: [String]) -> String {
        (paragraphs + ["Examples:\n" + examples.map { "  " + $0 }.joined(separator: "\n")]).joined(separator: "\n\n")
    }
}
