/// An evaluation table saved as JSON by pandas: `to_json(orient="records")` (an array of row objects,
/// as RAGAS results are saved) or `orient="split"` (`columns` and `data`, as MLflow's
/// `eval_results_table.json` is).
enum JSONTable {
    /// Whether `root` is a split table: `columns` and `data` arrays.
    static func isSplit(_ root: JSONNode) -> Bool {
        guard case .array? = root["columns"]?.value, case .array? = root["data"]?.value else { return false }
        return true
    }

    /// The rows of `document`, each a table of its fields.
    static func rows(_ document: JSONDocument) throws(SourceIssue) -> [CaseRowsReader.Row] {
        let root = document.root
        if case .array(let items) = root.value {
            var rows: [CaseRowsReader.Row] = []
            for (index, item) in items.enumerated() {
                try document.members(item, "row \(index)", expected: "an object of column names to values")
                rows.append(row(document.value(item), in: document, at: item))
            }
            return rows
        }
        let expected = "a table with 'columns' (names) and 'data' (rows)"
        try document.members(root, "document", expected: expected)
        guard let columnList = root["columns"], let data = root["data"] else { throw document.issue(root, "no 'columns' or 'data'; expected \(expected)") }
        var columns: [String] = []
        for column in try document.elements(columnList, "'columns'", expected: "an array of column names") {
            guard case .string(let name) = column.value else { throw document.issue(column, "a column name is \(column.kindDescription); expected a string") }
            columns.append(name)
        }
        var rows: [CaseRowsReader.Row] = []
        for (index, item) in try document.elements(data, "'data'", expected: "an array of rows").enumerated() {
            let cells = try document.elements(item, "row \(index) of 'data'", expected: "an array of \(columns.count) values")
            guard cells.count == columns.count else {
                throw document.issue(item, "row \(index) of 'data' has \(cells.count) values; expected \(columns.count), one per column")
            }
            let members = zip(columns, cells).map { (key: $0, value: document.value($1)) }
            rows.append(row(ValueNode(kind: .table(members), place: .position(document.position(of: item))), in: document, at: item))
        }
        return rows
    }

    private static func row(_ node: ValueNode, in document: JSONDocument, at item: JSONNode) -> CaseRowsReader.Row {
        CaseRowsReader.Row(node: node, line: document.position(of: item).line)
    }
}
