internal import CLibGit2

/// The id of a git object (a SHA-1 of its content, as libgit2 1.5 writes).
public struct ObjectID: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The raw bytes of the id.
    public let bytes: [UInt8]

    /// Creates an id from its raw bytes; `nil` unless there are exactly `byteCount` of them.
    public init?(bytes: [UInt8]) {
        guard bytes.count == ObjectID.byteCount else { return nil }
        self.bytes = bytes
    }

    /// Parses a full hexadecimal id (either case); `nil` for anything else.
    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == ObjectID.byteCount * 2 else { return nil }
        var bytes = [UInt8](repeating: 0, count: ObjectID.byteCount)
        for index in 0..<ObjectID.byteCount {
            guard let high = ObjectID.nibble(utf8[2 * index]), let low = ObjectID.nibble(utf8[2 * index + 1]) else {
                return nil
            }
            bytes[index] = high << 4 | low
        }
        self.bytes = bytes
    }

    /// Bytes in an id.
    public static let byteCount = Int(GIT_OID_RAWSZ)

    /// The all-zero id git uses for "no object".
    public static let zero = ObjectID(uncheckedBytes: [UInt8](repeating: 0, count: byteCount))

    /// The lower-case hexadecimal form.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first `length` hex digits, for display.
    public func abbreviated(_ length: Int = 7) -> String { String(hex.prefix(length)) }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ObjectID(hex: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a \(ObjectID.byteCount * 2)-digit hex object id, got '\(text)'")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    private init(uncheckedBytes: [UInt8]) { self.bytes = uncheckedBytes }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension ObjectID {
    /// Copies a libgit2 oid.
    init(_ oid: git_oid) {
        var copy = oid
        self.init(uncheckedBytes: withUnsafeBytes(of: &copy.id) { Array($0) })
    }

    /// Copies the oid a libgit2 getter returned (it dies with its parent object).
    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// The libgit2 form of this id.
    var oid: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { $0.copyBytes(from: bytes) }
        return oid
    }
}
