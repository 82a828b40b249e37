import Foundation

/// Scores as people read them in tables and notes.
public enum ScoreFormat {
    /// Up to four significant digits, no trailing zeros: `0.9133`, `120`, `1.5e+06`.
    ///
    /// C's `%.4g` through `vsnprintf`, trimmed as bytes: Foundation's `String(format:)` and
    /// `contains` cost about a microsecond a call each, which a log of thousands of scored versions feels.
    public static func short(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            let start = UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let written = withVaList([value]) { vsnprintf(start, buffer.count, "%.4g", $0) }
            var end = Int(min(max(written, 0), Int32(buffer.count - 1)))
            let digits = buffer[..<end]
            if digits.contains(UInt8(ascii: ".")), !digits.contains(UInt8(ascii: "e")) {
                while buffer[end - 1] == UInt8(ascii: "0") { end -= 1 }
                if buffer[end - 1] == UInt8(ascii: ".") { end -= 1 }
            }
            return String(decoding: buffer[..<end], as: UTF8.self)
        }
    }

    /// A signed change: `+0.03`, `-12`.
    public static func signed(_ value: Double) -> String {
        value >= 0 ? "+" + short(value) : short(value)
    }
}
