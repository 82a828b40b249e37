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

/// The date formats git accepts in `GIT_AUTHOR_DATE` that scripts use: raw `@1700000000 +0100`, and ISO 8601.
enum GitDate {
    static func parse(_ text: String) -> (Date, Int)? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        if let first = parts.first, let seconds = Int64(first.hasPrefix("@") ? first.dropFirst() : first) {
            let offset = parts.count > 1 ? parseOffset(parts[1]) : 0
            guard let offset else { return nil }
            return (Date(timeIntervalSince1970: TimeInterval(seconds)), offset)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let iso = text.replacingOccurrences(of: " ", with: "T", options: [], range: text.range(of: " "))
        guard let date = formatter.date(from: iso) else { return nil }
        return (date, offsetOfISO(iso))
    }

    private static func parseOffset(_ text: Substring) -> Int? {
        guard text.count == 5, let sign = text.first, sign == "+" || sign == "-",
              let hours = Int(text.dropFirst().prefix(2)), let minutes = Int(text.suffix(2)) else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
    }

    private static func offsetOfISO(_ text: String) -> Int {
        if text.hasSuffix("Z") { return 0 }
        let zone = text.suffix(6).replacingOccurrences(of: ":", with: "")
        return parseOffset(Substring(zone)) ?? 0
    }
}
