import GitKit

/// How many records one eval store tree holds that another does not, as `FetchedRefCheck` counts them
/// while it walks the folders a remote changed, kept for the sync's report: on a large pull it would
/// otherwise read every changed `records/` folder of both trees a second time (`EvalStore.addedRecordCount`).
final class AddedRecordCounts {
    private struct Pair: Hashable {
        let before: ObjectID
        let after: ObjectID
    }

    private var counts = [Pair: Int]()

    /// Keeps `count`, the records the store tree `after` adds to `before`.
    func keep(_ count: Int, from before: ObjectID, to after: ObjectID) {
        counts[Pair(before: before, after: after)] = count
    }

    /// The count kept for the trees `before` and `after`, `nil` when none was.
    func count(from before: ObjectID, to after: ObjectID) -> Int? {
        counts[Pair(before: before, after: after)]
    }
}
