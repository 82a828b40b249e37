import Foundation

/// Which side of a commit a signature is for; each has its own environment variables.
public enum SignatureRole: String, Sendable {
    case author, committer

    var variablePrefix: String { "GIT_\(rawValue.uppercased())_" }
}

extension Repository {
    /// The signature git would use: `GIT_AUTHOR_NAME`/`_EMAIL`/`_DATE` (or the committer's) over `user.name`/`user.email`.
    ///
    /// A missing name or email is the error git gives, with git's remedy.
    public func defaultSignature(
        for role: SignatureRole, environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()
    ) throws(GitError) -> Signature {
        let configName = try configString("user.name")
        let configEmail = try configString("user.email")
        let name = environment[role.variablePrefix + "NAME"] ?? configName
        let email = environment[role.variablePrefix + "EMAIL"] ?? environment["EMAIL"] ?? configEmail
        guard let name, !name.isEmpty, let email, !email.isEmpty else {
            throw GitError(
                code: .notFound,
                message: "\(role.rawValue) identity unknown; tell git who you are: git config --global user.email \"you@example.com\" && git config --global user.name \"Your Name\"",
                function: "defaultSignature")
        }
        guard let dateText = environment[role.variablePrefix + "DATE"] else {
            return Signature(name: name, email: email, date: now, timeZoneOffsetMinutes: TimeZone.current.secondsFromGMT(for: now) / 60)
        }
        guard let (date, offset) = GitDate.parse(dateText) else {
            throw GitError(code: .invalid, message: "invalid date format '\(dateText)' in \(role.variablePrefix)DATE; expected '@<seconds> <+hhmm>' or ISO 8601", function: "defaultSignature")
        }
        return Signature(name: name, email: email, date: date, timeZoneOffsetMinutes: offset)
    }
}

/// The date formats git accepts in `GIT_AUTHOR_DATE` that scripts use: raw `@1700000000 +0100` (the
/// `@` and the zone optional), and ISO 8601 `2023-11-14T22:13:20Z` (a space for the `T`, fractional
/// seconds dropped as git drops them, a zone of `Z`, `±hh:mm` or `±hhmm`; none means UTC).
enum GitDate {
    static func parse(_ text: String) -> (Date, Int)? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        if let first = parts.first, let seconds = Int64(first.hasPrefix("@") ? first.dropFirst() : first) {
            let offset = parts.count > 1 ? parseOffset(parts[1]) : 0
            guard let offset else { return nil }
            return (Date(timeIntervalSince1970: TimeInterval(seconds)), offset)
        }
        return parseISO(Array(text.trimmingCharacters(in: .whitespaces).utf8))
    }

    /// `YYYY-MM-DD[T ]hh:mm:ss[.fraction][zone]`.
    private static func parseISO(_ bytes: [UInt8]) -> (Date, Int)? {
        var position = 0
        func number(_ digits: Int) -> Int? {
            guard position + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<(position + digits)] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            position += digits
            return value
        }
        func skip(_ allowed: String) -> Bool {
            guard position < bytes.count, allowed.utf8.contains(bytes[position]) else { return false }
            position += 1
            return true
        }
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2), skip("T "),
              let hour = number(2), skip(":"), let minute = number(2), skip(":"), let second = number(2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        if skip(".") { while position < bytes.count, (48...57).contains(bytes[position]) { position += 1 } }
        var offset = 0
        if skip("Z") {
            offset = 0
        } else if position < bytes.count {
            let zone = String(decoding: bytes[position...], as: UTF8.self).replacingOccurrences(of: ":", with: "")
            guard let parsed = parseOffset(Substring(zone)) else { return nil }
            offset = parsed
            position = bytes.count
        }
        guard position == bytes.count else { return nil }
        let local = daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
        return (Date(timeIntervalSince1970: TimeInterval(local - offset * 60)), offset)
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func parseOffset(_ text: Substring) -> Int? {
        guard text.count == 5, let sign = text.first, sign == "+" || sign == "-",
              let hours = Int(text.dropFirst().prefix(2)), let minutes = Int(text.suffix(2)) else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
    }
}
