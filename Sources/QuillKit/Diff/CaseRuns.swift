/// The lines of one per-case blob as `CaseLineScanner` reads them, held until the whole blob has been
/// read (a blob that is not all canonical is read again by `EvalCases`, so nothing of it may reach a
/// `CaseTable` before). Metrics sit in flat arrays, their names numbered in a table of the blob's own:
/// the n-th metric of a line is first compared, byte by byte, with the name numbered n, so a blob whose
/// lines list the same metrics makes one `String` per metric name, not one per line.
struct CaseRuns: CaseLineSink {
    /// Per line: its case id, verdict and output, and where its metrics end in `metricNames`/`metricValues`.
    private(set) var ids = [String]()
    private(set) var passes = [Bool?]()
    private(set) var outputs = [String?]()
    private(set) var metricEnds = [Int]()
    /// Per metric of every line: its name's number in `names`, and its value.
    private(set) var metricNames = [Int]()
    private(set) var metricValues = [Double]()
    /// The metric names of the blob, by number.
    private(set) var names = [String]()
    private var nameBytes = [[UInt8]]()
    private var numbers = [String: Int]()
    /// Per name number, where the name was last set in `metricNames` (a repeated name in a line
    /// replaces its value, as in a decoded object).
    private var lastSet = [Int]()

    private var id = ""
    private var pass: Bool?
    private var output: String?
    /// Where the metrics of the line being read begin, and how many it has had so far.
    private var lineStart = 0
    private var linePosition = 0

    /// How many lines were read.
    var count: Int { ids.count }

    /// Empties the runs for the next blob, keeping the capacity.
    mutating func removeAll() {
        ids.removeAll(keepingCapacity: true)
        passes.removeAll(keepingCapacity: true)
        outputs.removeAll(keepingCapacity: true)
        metricEnds.removeAll(keepingCapacity: true)
        metricNames.removeAll(keepingCapacity: true)
        metricValues.removeAll(keepingCapacity: true)
        names.removeAll()
        nameBytes.removeAll()
        numbers.removeAll()
        lastSet.removeAll()
        lineStart = 0
    }

    mutating func startCase() {
        (id, pass, output) = ("", nil, nil)
        clearMetrics()
    }

    mutating func setID(_ id: String) { self.id = id }
    mutating func setOutput(_ output: String) { self.output = output }
    mutating func setError(_ error: String) {}
    mutating func setPass(_ pass: Bool) { self.pass = pass }
    mutating func setRepeatIndex(_ index: Int) {}

    mutating func clearMetrics() {
        metricNames.removeSubrange(lineStart...)
        metricValues.removeSubrange(lineStart...)
        linePosition = 0
    }

    mutating func setMetric(_ name: UnsafeRawBufferPointer, _ value: Double) {
        let number = number(of: name)
        linePosition += 1
        let last = lastSet[number]
        if last >= lineStart, last < metricNames.count, metricNames[last] == number {
            metricValues[last] = value
        } else {
            lastSet[number] = metricNames.count
            metricNames.append(number)
            metricValues.append(value)
        }
    }

    mutating func endCase() {
        ids.append(id)
        passes.append(pass)
        outputs.append(output)
        metricEnds.append(metricNames.count)
        lineStart = metricNames.count
    }

    /// The number of the metric `name`: the name at this place of the line when the bytes match, else
    /// found or added by its text.
    private mutating func number(of name: UnsafeRawBufferPointer) -> Int {
        if linePosition < nameBytes.count, nameBytes[linePosition].elementsEqual(name) { return linePosition }
        let text = String(decoding: name, as: UTF8.self)
        if let known = numbers[text] { return known }
        numbers[text] = names.count
        names.append(text)
        nameBytes.append(Array(name))
        lastSet.append(-1)
        return names.count - 1
    }
}
