/// The classes of Unicode's sentence-boundary rules (UAX #29, "Sentence Boundaries") that the
/// sentence splitter needs, from scalar properties Swift has (Sentence_Terminal, Uppercase,
/// Lowercase, White_Space, general category) and the code point lists the rules name.
enum SentenceBreakClass: UInt8 {
    /// Sep, CR, LF: a line or paragraph separator, which ends a sentence (SB4).
    case paragraphSeparator
    /// ATerm: `.` and its look-alikes, which may end a sentence or an abbreviation.
    case aTerm
    /// STerm: `!`, `?`, `。`, `।`, `؟` and every other Sentence_Terminal that is not an ATerm.
    case sTerm
    /// Close: quotation marks and brackets that may follow a terminator.
    case close
    /// Sp: white space other than separators.
    case space
    /// Upper: uppercase and titlecase letters.
    case upper
    /// Lower: lowercase letters.
    case lower
    /// OLetter: other letters (scripts without case, ideographs).
    case otherLetter
    /// Numeric: decimal digits.
    case numeric
    /// SContinue: `,`, `;`, `:`, `-`, dashes and their look-alikes, after which a sentence goes on (SB8a).
    case sContinue
    /// Everything else.
    case other

    /// Whether this is a terminator (SATerm).
    var isTerminator: Bool { self == .aTerm || self == .sTerm }

    /// The class of `scalar`.
    static func of(_ scalar: Unicode.Scalar) -> SentenceBreakClass {
        let value = scalar.value
        if value < 0x80 { return ascii[Int(value)] }
        switch value {
        case 0x0085, 0x2028, 0x2029: return .paragraphSeparator
        case 0x2024, 0xFE52, 0xFF0E: return .aTerm
        case 0x055D, 0x060C, 0x060D, 0x07F8, 0x1802, 0x1808, 0x2013, 0x2014, 0x3001, 0xFE10, 0xFE11, 0xFE13, 0xFE31, 0xFE32, 0xFE50,
            0xFE51, 0xFE55, 0xFE58, 0xFE63, 0xFF0C, 0xFF0D, 0xFF1A, 0xFF1B, 0xFF64:
            return .sContinue
        default: break
        }
        let properties = scalar.properties
        if properties.isSentenceTerminal { return .sTerm }
        if properties.isUppercase || properties.generalCategory == .titlecaseLetter { return .upper }
        if properties.isLowercase { return .lower }
        if properties.isWhitespace { return .space }
        switch properties.generalCategory {
        case .decimalNumber: return .numeric
        case .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation: return .close
        default: return properties.isAlphabetic ? .otherLetter : .other
        }
    }

    private static let ascii: [SentenceBreakClass] = (0..<128).map { (value: Int) -> SentenceBreakClass in
        switch UInt8(value) {
        case 0x0A, 0x0D: .paragraphSeparator
        case UInt8(ascii: "."): .aTerm
        case UInt8(ascii: "!"), UInt8(ascii: "?"): .sTerm
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"):
            .close
        case 0x09, 0x0B, 0x0C, 0x20: .space
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): .upper
        case UInt8(ascii: "a")...UInt8(ascii: "z"): .lower
        case UInt8(ascii: "0")...UInt8(ascii: "9"): .numeric
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "-"): .sContinue
        default: .other
        }
    }
}
