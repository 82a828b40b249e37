/// The classes of Unicode's word-boundary rules (UAX #29, "Word Boundaries") that word tokens need,
/// worked out from scalar properties Swift has (general category, Alphabetic, Ideographic) and the
/// few code point lists the rules name. See docs/drift.md for where this departs from the standard.
enum WordBreakClass: UInt8 {
    /// ALetter and Hebrew_Letter: letters of alphabets and abugidas that join into words.
    case letter
    /// Numeric: decimal digits of any script.
    case numeric
    /// Katakana: joins only with Katakana (WB13).
    case katakana
    /// ExtendNumLet: connector punctuation such as `_`, joining letters, digits and Katakana (WB13a/b).
    case extendNumLet
    /// MidLetter: `:`, `·` and a few others, joining two letters (WB6/7).
    case midLetter
    /// MidNum: `,`, `;` and a few others, joining two digit runs (WB11/12).
    case midNum
    /// MidNumLet and Single_Quote: `.`, `'`, `’` and a few others, joining letters or digits.
    case midNumLet
    /// Extend, Format and ZWJ: marks and format controls that stay with what precedes them (WB4).
    case extend
    /// A scalar that is a word by itself: Han ideographs and Hiragana (no rule joins them).
    case ideograph
    /// A letter of a script written without spaces between words (Thai, Lao, Khmer, Myanmar, Tai):
    /// UAX #29 leaves these to a dictionary; Quill takes each run of them as one word.
    case complexContext
    /// Everything else: spaces, punctuation, symbols and emoji, which are not words.
    case other

    /// Whether a word can start with this class.
    var startsWord: Bool {
        switch self {
        case .letter, .numeric, .katakana, .extendNumLet, .ideograph, .complexContext: true
        default: false
        }
    }

    /// The class of `scalar`.
    static func of(_ scalar: Unicode.Scalar) -> WordBreakClass {
        let value = scalar.value
        if value < 0x80 { return ascii[Int(value)] }
        if let listed = listed(value) { return listed }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .decimalNumber: return .numeric
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return isComplexContext(value) ? .complexContext : .extend
        case .format: return value == 0x200B ? .other : .extend
        case .connectorPunctuation: return .extendNumLet
        default: break
        }
        if isKatakana(value) { return .katakana }
        if properties.isIdeographic || (0x3040...0x309F).contains(value) { return .ideograph }
        guard properties.isAlphabetic else { return .other }
        return isComplexContext(value) ? .complexContext : .letter
    }

    /// Classes of the ASCII range: letters, digits, `_`, and the joiners `.`, `'`, `:`, `,`, `;`.
    private static let ascii: [WordBreakClass] = (0..<128).map { (value: Int) -> WordBreakClass in
        switch UInt8(value) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): .letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): .numeric
        case UInt8(ascii: "_"): .extendNumLet
        case UInt8(ascii: "."), UInt8(ascii: "'"): .midNumLet
        case UInt8(ascii: ":"): .midLetter
        case UInt8(ascii: ","), UInt8(ascii: ";"): .midNum
        default: .other
        }
    }

    /// The non-ASCII joiners UAX #29 lists by code point.
    private static func listed(_ value: UInt32) -> WordBreakClass? {
        switch value {
        case 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2027, 0xFE13, 0xFE55, 0xFF1A: .midLetter
        case 0x2018, 0x2019, 0x2024, 0xFE52, 0xFF07, 0xFF0E: .midNumLet
        case 0x037E, 0x0589, 0x060C, 0x060D, 0x066C, 0x07F8, 0x2044, 0xFE10, 0xFE14, 0xFE50, 0xFE54, 0xFF0C, 0xFF1B: .midNum
        case 0x200C, 0x200D: .extend
        default: nil
        }
    }

    private static func isKatakana(_ value: UInt32) -> Bool {
        switch value {
        case 0x3031...0x3035, 0x309B...0x309C, 0x30A0...0x30FA, 0x30FC...0x30FF, 0x31F0...0x31FF, 0x32D0...0x32FE, 0x3300...0x3357,
            0xFF66...0xFF9D:
            true
        default: false
        }
    }

    /// Thai, Lao, Myanmar, Khmer, Tai Le, New Tai Lue, Tai Tham, Tai Viet and their extensions
    /// (Line_Break=Complex_Context, as far as letters and marks go).
    private static func isComplexContext(_ value: UInt32) -> Bool {
        switch value {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x1950...0x19DF, 0x1A20...0x1AAF, 0xA9E0...0xA9FF, 0xAA60...0xAADF: true
        default: false
        }
    }
}
