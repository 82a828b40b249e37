import GitKit

/// One evaluated commit of a metric series: the ids of its records and the mean of their values.
/// Only the ids: a series holds a point per evaluated commit (10,000 at a million records), and
/// the attribution reads the records of the few around a change (`RegressionAttributor`).
struct MetricPoint {
    let commit: ObjectID
    let recordIDs: [ObjectID]
    let value: Double
}
