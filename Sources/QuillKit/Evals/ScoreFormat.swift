import Foundation

/// Scores as people read them in tables and notes.
public enum ScoreFormat {
    /// Up to four significant digits, no trailing zeros (`%g` drops them): `0.9133`, `120`, `1.5e+06`.
    ///
    /// C's `%.4g` through `vsnprintf`: Foundation's `String(format:)` costs about a microsecond a
    /// call, which a log of thousands of scored versions feels.
    public static func short(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            let written = withVaList([value]) { vsnprintf(buffer.baseAddress!, buffer.count, "%.4g", $0) }
            let count = Int(min(max(written, 0), Int32(buffer.count - 1)))
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: count), as: UTF8.self)
        }
    }

    /// A signed change: `+0.03`, `-12`.
    public static func signed(_ value: Double) -> String {
        value >= 0 ? "+" + short(value) : short(value)
    }
}
