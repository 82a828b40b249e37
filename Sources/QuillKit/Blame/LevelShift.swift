/// A change of level found in a metric series: where it happens and the levels on either side.
struct LevelShift {
    /// Index of the first point of the new level.
    let index: Int
    let pValue: Double
    let before: MetricLevel
    let after: MetricLevel

    var change: Double { after.mean - before.mean }

    /// The level shifts of `values`: the change points `detector` accepts, each kept only when the
    /// means of the levels on either side differ by at least twice the standard error of their
    /// difference (a change in spread alone is not a regression).
    static func find(in values: [Double], detector: ChangePointDetector = ChangePointDetector()) -> [LevelShift] {
        let points = detector.changePoints(in: values)
        let bounds = [0] + points.map(\.index) + [values.count]
        return points.enumerated().compactMap { offset, point in
            let before = MetricLevel(values[bounds[offset]..<point.index])
            let after = MetricLevel(values[point.index..<bounds[offset + 2]])
            let error = (before.standardError * before.standardError + after.standardError * after.standardError).squareRoot()
            guard abs(after.mean - before.mean) >= 2 * error else { return nil }
            return LevelShift(index: point.index, pValue: point.pValue, before: before, after: after)
        }
    }
}
