import GitKit

/// One evaluated commit of a metric series: its records' score lines and the mean of their values.
struct MetricPoint {
    let commit: ObjectID
    let lines: [ScoreLine]
    let value: Double
}
