import Foundation

/// Scores as people read them in tables and notes.
public enum ScoreFormat {
    /// Up to four significant digits, no trailing zeros: `0.9133`, `120`, `1.5e+06`.
    public static func short(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = formatted(value)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// C's `%.4g` through `vsnprintf`: Foundation's `String(format:)` costs a microsecond a call,
    /// which a log of thousands of scored versions feels.
    private static func formatted(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            let length = withVaList([value]) { vsnprintf(buffer.baseAddress!, buffer.count, "%.4g", $0) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(min(max(length, 0), 31))), as: UTF8.self)
        }
    }

    /// A signed change: `+0.03`, `-12`.
    public static func signed(_ value: Double) -> String {
        value >= 0 ? "+" + short(value) : short(value)
    }
}
