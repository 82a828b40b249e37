import Foundation
import ZIPFoundation

/// The members of a ZIP archive (read with ZIPFoundation), bounded: a member or an archive that
/// decompresses past the limits — a zip bomb, or a size the archive lies about — is refused while it is
/// read, never held whole.
struct ZipMembers {
    /// The largest member read, decompressed.
    static let memberLimit = 64 << 20
    /// The most read from one archive, decompressed.
    static let totalLimit = 256 << 20
    /// The most members an archive may list.
    static let entryLimit = 100_000

    private let archive: Archive
    /// The member names, in the archive's order (files only).
    let names: [String]
    private var total = 0

    /// Opens `data` as a ZIP archive; an issue when it is not one or lists too many members.
    init(_ data: Data) throws(SourceIssue) {
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw SourceIssue(line: 1, column: 1, "not a readable ZIP archive (\(error)); expected a ZIP file such as Inspect AI's .eval log")
        }
        var names: [String] = []
        for entry in archive where entry.type == .file {
            names.append(entry.path)
            guard names.count <= Self.entryLimit else {
                throw SourceIssue(line: 1, column: 1, "ZIP archive lists more than \(Self.entryLimit) members; expected a log of fewer")
            }
        }
        self.names = names
    }

    /// The bytes of member `name`, or nil when the archive has no such file.
    mutating func data(_ name: String) throws(SourceIssue) -> Data? {
        guard let entry = archive[name], entry.type == .file else { return nil }
        var bytes = Data()
        let memberLimit = Self.memberLimit
        let room = Self.totalLimit - total
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                bytes.append(chunk)
                guard bytes.count <= min(memberLimit, room) else { throw ZipLimitExceeded() }
            }
        } catch is ZipLimitExceeded {
            let limit = bytes.count > memberLimit ? "\(memberLimit >> 20) MiB a member" : "\(Self.totalLimit >> 20) MiB an archive"
            throw SourceIssue(line: 1, column: 1, "ZIP member '\(name)' decompresses past \(limit); expected a log within these bounds")
        } catch Archive.ArchiveError.invalidCompressionMethod {
            throw SourceIssue(line: 1, column: 1, "ZIP member '\(name)' is compressed with a method Quill does not read (current Inspect AI writes Zstandard); expected deflated or stored members: run 'inspect log convert --to json' and record the .json log")
        } catch {
            throw SourceIssue(line: 1, column: 1, "ZIP member '\(name)' cannot be read (\(error)); expected an intact archive")
        }
        total += bytes.count
        return bytes
    }
}

/// Thrown from the extraction callback to stop reading a member that outgrew the bounds.
private struct ZipLimitExceeded: Error {}
