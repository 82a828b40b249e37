import Foundation

/// Scores as people read them in tables and notes.
public enum ScoreFormat {
    /// Up to four significant digits, no trailing zeros: `0.9133`, `120`, `1.5e+06`.
    public static func short(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.4g", value)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A signed change: `+0.03`, `-12`.
    public static func signed(_ value: Double) -> String {
        value >= 0 ? "+" + short(value) : short(value)
    }
}
