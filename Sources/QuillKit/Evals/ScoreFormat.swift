import Foundation

/// Scores as people read them in tables and notes.
public enum ScoreFormat {
    /// Up to four significant digits, no trailing zeros (`%g` drops them): `0.9133`, `120`, `1.5e+06`.
    ///
    /// C's `%.4g` through `vsnprintf`: Foundation's `String(format:)` costs about a microsecond a
    /// call, which a log of thousands of scored versions feels. Most scores are short decimals (`0.88`,
    /// `0.625`) that `%.4g` writes as Swift's shortest form does (`shortDecimal`), which costs a
    /// fraction of the `va_list` built for `vsnprintf`.
    public static func short(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return shortDecimal(value) ?? printed(value)
    }

    /// `value` as C's `%.4g` writes it.
    static func printed(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            let written = withVaList([value]) { vsnprintf(buffer.baseAddress!, buffer.count, "%.4g", $0) }
            let count = Int(min(max(written, 0), Int32(buffer.count - 1)))
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: count), as: UTF8.self)
        }
    }

    /// `value`'s shortest form (`description`) when that is what `%.4g` writes: a magnitude in
    /// [0.0001, 10000), where `%g` writes plain decimals, and at most four significant digits. The
    /// double is then within half an ulp of that decimal, far closer than to any other decimal of four
    /// significant digits, so rounding it to four gives the same digits, and dropping trailing zeros
    /// leaves the shortest form's text. Nil otherwise.
    static func shortDecimal(_ value: Double) -> String? {
        guard abs(value) >= 1e-4, abs(value) < 1e4 else { return nil }
        let text = value.description
        var significant = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0"):
                if significant > 0 { significant += 1 }
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                significant += 1
            case UInt8(ascii: "-"), UInt8(ascii: "."):
                continue
            default:
                return nil  // an exponent
            }
        }
        return significant <= 4 ? text : nil
    }

    /// A signed change: `+0.03`, `-12`.
    public static func signed(_ value: Double) -> String {
        value >= 0 ? "+" + short(value) : short(value)
    }
}
