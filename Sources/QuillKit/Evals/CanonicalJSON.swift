import Foundation

/// Writes `JSONValue`s in Quill's canonical form (docs/storage.md): UTF-8, object keys sorted by
/// their UTF-8 bytes, no white space, strings escaped minimally, numbers as integers when whole and
/// below 2^53, otherwise in the shortest form that reads back to the same double. NaN and the
/// infinities have no JSON form and are refused.
public enum CanonicalJSON {
    /// A value that cannot be written canonically, with the key path that holds it.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let path: String
        public let message: String
        public var description: String { "\(message) at '\(path)'" }
    }

    /// The canonical bytes of `value`.
    public static func encode(_ value: JSONValue) throws(Failure) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(256)
        try write(value, into: &out) { "$" }
        return Data(out)
    }

    /// The canonical form of any `Encodable` (through `JSONEncoder`, then normalised).
    public static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .throw
        let plain = try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(value))
        return try encode(plain)
    }

    /// The canonical text of one number.
    public static func number(_ number: Double) -> String? {
        guard number.isFinite else { return nil }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        return "\(number)"
    }

    /// Appends `value`; `path` names where it is, and is only worked out for an error message.
    private static func write(_ value: JSONValue, into out: inout [UInt8], path: () -> String) throws(Failure) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let value):
            guard let text = number(value) else {
                throw Failure(path: path(), message: "\(value) is not a finite number; JSON has no NaN or infinity")
            }
            out.append(contentsOf: text.utf8)
        case .string(let text): appendString(text, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try write(item, into: &out) { "\(path())[\(index)]" }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                try write(members[key]!, into: &out) { "\(path()).\(key)" }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `text` as a canonical JSON string.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (ids, names, outputs) need no escape: copy them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
