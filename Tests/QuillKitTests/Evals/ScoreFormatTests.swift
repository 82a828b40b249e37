@testable import QuillKit
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

    @Test("short writes what C's %.4g writes: short decimals, long fractions, the edges of plain notation, random doubles")
    func shortMatchesPrintf() {
        var random = SeededGenerator(seed: 7)
        var values: [Double] = [
            1e-4, -1e-4, 0.99999e-4, 9999.5, 9999.4, 9998.75, 1000.5, 100.25, 0.00012, 0.0001234, 0.00012345, 0.12345, 0.30000000000000004,
            0.1 + 0.2, 5e-324, .leastNormalMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity, .nan, 1e15 + 0.5, 0.88, -0.28, 0.625,
        ]
        for _ in 0..<20_000 {
            // Short decimals as scores are (k / 10^d), and doubles spread over many magnitudes.
            let decimal = Double(Int(random.next() % 20_001) - 10_000) / [1, 10, 100, 1_000, 10_000, 100_000][Int(random.next() % 6)]
            let spread = Double(bitPattern: random.next() & 0x3FFF_FFFF_FFFF_FFFF | 0x3E00_0000_0000_0000) * (random.next() % 2 == 0 ? 1 : -1)
            values += [decimal, spread, decimal.nextUp, decimal.nextDown]
        }
        var fast = 0
        for value in values {
            #expect(ScoreFormat.short(value) == (value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : ScoreFormat.printed(value)), "\(value)")
            if ScoreFormat.shortDecimal(value) != nil { fast += 1 }
        }
        #expect(fast > 10_000, "too few values took the shortest-form path to test it")
    }
}
