import Foundation
import Yams

/// The repository's `quill.yaml`: which files are prompts, the metrics and their gates, and whether to write notes.
public struct QuillConfig: Sendable, Equatable {
    /// Globs naming the prompt files, repository-relative, compiled once.
    public var prompts: [Glob]
    /// The declared metrics, in file order.
    public var metrics: [MetricSpec]
    /// Whether `refs/notes/quill` gets a score summary per evaluated commit.
    public var notes: Bool
    /// What a version must pass before a label may move to it, per label.
    public var labels: [LabelPolicy] = []
    /// The limits past which `quill drift` fails.
    public var drift = DriftThresholds()
    /// How prompt files are read, per glob; the first matching rule applies.
    public var formats: [PromptFormatRule] = []

    /// The configuration's file name at the repository root.
    public static let fileName = "quill.yaml"
    /// The prompt globs when `prompts` is not given.
    public static let defaultPrompts = [try! Glob("prompts/**")]  // a literal that compiles
    /// The keys a configuration may have.
    static let keys = ["prompts", "metrics", "notes", "labels", "drift", "formats"]
    /// The keys a metric may have.
    static let metricKeys = ["direction", "min", "max_drop"]

    /// The configuration `quill init` writes: the default globs and notes, and two example metrics,
    /// `accuracy` (higher is better, gated at 0.8 and a drop of 0.05) and `latency_ms` (lower is better, no gates).
    public static let defaultText = """
        # Quill configuration. Every key is optional; an empty file means these defaults
        # without the example metrics.

        # Files that are prompts: globs relative to the repository root.
        # '*' stays within a directory, '**' crosses any number of them.
        prompts:
          - "prompts/**"

        # Metrics that eval records carry, in the order reports show them.
        #   direction: higher | lower   which way is better
        #   min:       the worst acceptable value (a floor for higher, a ceiling for lower)
        #   max_drop:  the largest acceptable worsening against the baseline
        metrics:
          accuracy:
            direction: higher
            min: 0.8
            max_drop: 0.05
          latency_ms:
            direction: lower
            # max_drop: 250

        # Write a one-line score summary per evaluated commit to refs/notes/quill.
        notes: true

        # Labels that may only move to a version whose records pass these metrics' min.
        # labels:
        #   production:
        #     require: [accuracy]

        # Limits past which 'quill drift' fails (exit 1); null turns one off.
        # drift:
        #   oov_rate: 0.10      share of B's words that A never uses
        #   word_jsd: 0.10      Jensen-Shannon divergence of word distributions (bits)
        #   bigram_jsd: 0.30
        #   trigram_jsd: null
        #   sentence_ks: 0.10   Kolmogorov-Smirnov statistic of sentence lengths,
        #   sentence_p: 0.01    counted only when its p-value is below this
        # How prompt files are read, per glob (the first match applies; docs/prompts.md).
        # formats:
        #   "prompts/system/**/*.md":
        #     role: system            # the role of a Markdown or text file's one message
        #     template: jinja         # none (braces are text, the default), handlebars or jinja
        #   "agents/*.yaml":
        #     messages: {system_template: system, instance_template: user}

        """

    /// Makes a configuration; the defaults are those of an empty file.
    public init(prompts: [Glob] = QuillConfig.defaultPrompts, metrics: [MetricSpec] = [], notes: Bool = true) {
        self.prompts = prompts
        self.metrics = metrics
        self.notes = notes
    }

    /// Whether the repository-relative `path` is a prompt by the `prompts` globs.
    public func matchesPrompt(_ path: String) -> Bool {
        prompts.contains { $0.matches(path) }
    }

    /// Parses the bytes of a `quill.yaml` read from `path`; an empty file gives the defaults.
    public static func parse(_ data: Data, path: String) throws(InputFileError) -> QuillConfig {
        do {
            let source = try SourceText(checking: data)
            guard let root = try YAMLSource.compose(source.text(0..<source.bytes.count)) else { return QuillConfig() }
            return try ConfigReader.read(root)
        } catch {
            throw InputFileError(file: path, issue: error)
        }
    }
}
