extension EvalCase {
    /// The case as a JSON value with the keys `Codable` gives it (absent optionals left out), so
    /// canonical encoding of thousands of cases needs no `JSONEncoder` round trip.
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["id": .string(id), "metrics": .object(metrics.mapValues(JSONValue.number))]
        if let pass { members["pass"] = .bool(pass) }
        if let output { members["output"] = .string(output) }
        if let repeatIndex { members["repeatIndex"] = .number(Double(repeatIndex)) }
        return .object(members)
    }
}
