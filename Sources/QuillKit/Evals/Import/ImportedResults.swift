/// The evaluations read from one results file, and the format they were read as.
public struct ImportedResults: Sendable, Equatable {
    /// The format the file was read as; never `.auto`.
    public var format: ResultFormat
    /// The evaluations, in file order: one per prompt and provider for promptfoo, otherwise usually one.
    public var evaluations: [ImportedEvaluation]

    /// Makes a result from its parts.
    public init(format: ResultFormat, evaluations: [ImportedEvaluation]) {
        self.format = format
        self.evaluations = evaluations
    }
}
