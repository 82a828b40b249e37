/// The JSON Schemas of Quill's JSON outputs, one per result shape: `docs/schemas/NAME.schema.json`.
///
/// Every JSON output carries `"schema": "quill.NAME/VERSION"` at its top level, added by `Renderer`.
/// A version grows when a field is removed, renamed or changes meaning; adding a field keeps it.
enum OutputSchema: String, CaseIterable, Sendable {
    case initialize = "init", status, commit, log, logLatest = "log-latest", show, diff
    case blame, blameRegressions = "blame-regressions", blameBisect = "blame-bisect"
    case bisect, bisectReset = "bisect-reset"
    case evalRecord = "eval-record", evalList = "eval-list", evalShow = "eval-show"
    case review, drift, sync, get
    case labelMove = "label-move", labelList = "label-list", labelLog = "label-log"
    case manifestRecord = "manifest-record", manifestList = "manifest-list", manifestShow = "manifest-show", manifestDiff = "manifest-diff"

    /// The schema's version; every schema is at its first.
    var version: Int { 1 }

    /// The value of the `schema` key: `quill.status/1`.
    var identifier: String { "quill.\(rawValue)/\(version)" }

    /// The schema file's path from the repository's root.
    var file: String { "docs/schemas/\(rawValue).schema.json" }
}

/// A command whose `--format json` prints one of `schemas`; the tests hold every such command to its schemas.
protocol JSONOutputCommand {
    static var schemas: [OutputSchema] { get }
}
