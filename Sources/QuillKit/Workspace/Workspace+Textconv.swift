extension Workspace {
    /// How `quill textconv` reads `file`. git runs its textconv driver at the top of the work tree
    /// and passes either the work-tree file itself or a temporary copy named `XXXXXX_<file name>`:
    /// a work-tree file is read as `quill.yaml`'s `formats` say for its path; a copy, as they say for
    /// the staged paths with that file name when those all agree, else by its extension alone.
    public func textconvReading(for file: String) -> PromptReading {
        guard !config.formats.isEmpty else { return PromptReading() }
        if let path = try? repositoryPath(forUserPath: file), (try? workTreeData(path)) != nil {
            return config.reading(for: path)
        }
        var name = Substring(file.split(separator: "/").last ?? "")
        if name.count > 7, name.dropFirst(6).first == "_", name.prefix(6).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            name = name.dropFirst(7)
        }
        let readings = ((try? repository.index().paths) ?? [])
            .filter { $0 == name || $0.hasSuffix("/" + name) }
            .map(config.reading(for:))
        guard let first = readings.first, readings.allSatisfy({ $0 == first }) else { return PromptReading() }
        return first
    }
}
