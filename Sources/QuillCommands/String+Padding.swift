extension String {
    /// The text followed by spaces up to `width` characters (unchanged when already that wide).
    func padded(to width: Int) -> String {
        let length = count
        return length >= width ? self : self + String(repeating: " ", count: width - length)
    }
}
