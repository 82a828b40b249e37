import QuillKit
import Testing

@Suite("Score format")
struct ScoreFormatTests {
    @Test("short: whole numbers as integers, others to four significant digits without trailing zeros, as printf's %.4g writes them")
    func short() {
        let expected: [(Double, String)] = [
            (0, "0"), (1, "1"), (-3, "-3"), (120, "120"), (0.9133, "0.9133"), (0.91334, "0.9133"), (0.5, "0.5"), (0.25, "0.25"),
            (-0.0625, "-0.0625"), (1.0 / 3, "0.3333"), (2.0 / 3, "0.6667"), (1e-7, "1e-07"), (1.5e6 + 0.5, "1.5e+06"),
            (123_456.7, "1.235e+05"), (-98.76543, "-98.77"), (.pi, "3.142"), (1e20, "1e+20"), (0.1, "0.1"), (2.5, "2.5"),
        ]
        for (value, text) in expected {
            #expect(ScoreFormat.short(value) == text, "\(value)")
        }
        #expect(ScoreFormat.signed(0.03) == "+0.03")
        #expect(ScoreFormat.signed(-12) == "-12")
    }
}
