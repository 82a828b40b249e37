/// Git's similarity scale (`diffcore.h`): scores run from 0 to `maximum` (60,000), shown to users
/// as a percentage (`score * 100 / maximum`, rounded down, as git's "similarity index").
public enum SimilarityScore {
    /// `MAX_SCORE`: identical content.
    public static let maximum = 60_000
    /// `DEFAULT_RENAME_SCORE`: 50%, the threshold of `-M`, `-C`, `--follow` and `git blame`.
    public static let defaultMinimum = 30_000

    /// The percentage git prints for `score`.
    public static func percent(_ score: Int) -> Int { score * 100 / maximum }
}
