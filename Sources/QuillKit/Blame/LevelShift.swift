/// A change of level found in a metric series: where it happens and the levels on either side.
struct LevelShift {
    /// Index of the first point of the new level.
    let index: Int
    let pValue: Double
    let before: MetricLevel
    let after: MetricLevel
    /// Found by the short-series test only.
    var isLowConfidence = false

    var change: Double { after.mean - before.mean }
    /// The points of the levels on either side: `index - before.commits ..< index + after.commits`.
    var segments: Range<Int> { (index - before.commits)..<(index + after.commits) }

    /// Series shorter than this get the short-series test.
    static let shortSeries = 24
    /// How many standard errors of their difference the levels of a short series must be apart.
    static let shortSeriesSeparation = 5.0

    /// The level shifts of `values`: the change points `detector` accepts, each kept only when the
    /// means of the levels on either side differ by at least twice the standard error of their
    /// difference (a change in spread alone is not a regression).
    ///
    /// A series shorter than `shortSeries` points gets the short-series test instead: p ≤ 0.05 over 999
    /// permutations (a handful of points cannot reach 0.01), levels `shortSeriesSeparation` standard
    /// errors apart; its shifts are marked low-confidence.
    static func find(in values: [Double], detector: ChangePointDetector = ChangePointDetector()) -> [LevelShift] {
        guard values.count < shortSeries else { return shifts(in: values, detector: detector, separation: 2) }
        var lenient = detector
        lenient.significance = 0.05
        lenient.permutations = 999
        return shifts(in: values, detector: lenient, separation: shortSeriesSeparation).map { shift in
            var shift = shift
            shift.isLowConfidence = true
            return shift
        }
    }

    private static func shifts(in values: [Double], detector: ChangePointDetector, separation: Double) -> [LevelShift] {
        let points = detector.changePoints(in: values)
        let bounds = [0] + points.map(\.index) + [values.count]
        return points.enumerated().compactMap { offset, point in
            let before = MetricLevel(values[bounds[offset]..<point.index])
            let after = MetricLevel(values[point.index..<bounds[offset + 2]])
            let error = (before.standardError * before.standardError + after.standardError * after.standardError).squareRoot()
            guard abs(after.mean - before.mean) >= separation * error else { return nil }
            return LevelShift(index: point.index, pValue: point.pValue, before: before, after: after)
        }
    }
}
