import GitKit

/// One evaluated commit of a metric series: its records and the mean of their values.
struct MetricPoint {
    let commit: ObjectID
    let records: [EvalRecord]
    let value: Double
}
