import Foundation
import QuillKit
import Testing

@Suite("Score format")
struct ScoreFormatTests {
    @Test("short: whole numbers as integers, others as %.4g without trailing zeros, as Foundation formats them")
    func short() {
        let values: [Double] = [0, 1, -3, 120, 0.9133, 0.91334, 0.5, 0.25, -0.0625, 1.0 / 3, 2.0 / 3, 1e-7, 1.5e6 + 0.5, 123_456.7, -98.76543, .pi]
        for value in values {
            var expected = String(format: "%.4g", value)
            if value == value.rounded() {
                expected = String(Int64(value))
            } else if expected.contains("."), !expected.contains("e") {
                while expected.hasSuffix("0") { expected.removeLast() }
                if expected.hasSuffix(".") { expected.removeLast() }
            }
            #expect(ScoreFormat.short(value) == expected, "\(value)")
        }
        #expect(ScoreFormat.short(0.9133) == "0.9133")
        #expect(ScoreFormat.short(0.5) == "0.5")
        #expect(ScoreFormat.short(1.5e6 + 0.5) == "1.5e+06")
        #expect(ScoreFormat.signed(0.03) == "+0.03")
        #expect(ScoreFormat.signed(-12) == "-12")
    }
}
