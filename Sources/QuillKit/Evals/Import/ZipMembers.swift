import Foundation
import GitKit
import ZIPFoundation

/// The members of a ZIP archive (its directory and stored members read with ZIPFoundation, deflated
/// members with zlib, Zstandard ones, which current Inspect AI writes, with libzstd), bounded: a
/// member or an archive that decompresses past the limits — a zip bomb, or a size the archive lies
/// about — is refused while it is read, never held whole.
struct ZipMembers {
    /// The largest member read, decompressed.
    static let memberLimit = 64 << 20
    /// The most read from one archive, decompressed.
    static let totalLimit = 256 << 20
    /// The most members an archive may list.
    static let entryLimit = 100_000

    private let archive: Archive
    private let bytes: Data
    /// Where the members' local headers are, read at the first member ZIPFoundation cannot decompress.
    private var localHeaders: ZipLocalHeaders?
    /// The member names, in the archive's order (files only).
    let names: [String]
    private var total = 0

    /// Opens `data` as a ZIP archive; an issue when it is not one or lists too many members.
    init(_ data: Data) throws(SourceIssue) {
        bytes = data
        // ZIPFoundation 0.9.20's in-memory archives trap on an offset past the end and leak when they
        // find no end record; its file-backed ones do neither. The bytes are read through a private
        // temporary file, unlinked once opening is done (the open file stays readable).
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("quill-zip-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw SourceIssue(line: 1, column: 1, "cannot stage the ZIP archive in \(FileManager.default.temporaryDirectory.path) for reading; expected a writable temporary folder")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            archive = try Archive(url: file, accessMode: .read)
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

    /// The bytes of member `name`, or nil when the archive has no such file. Stored members are read
    /// with ZIPFoundation; compressed ones are decompressed here, since ZIPFoundation 0.9.20 waits
    /// forever for more of a deflate stream that does not end within its member's bytes.
    mutating func data(_ name: String) throws(SourceIssue) -> Data? {
        guard let entry = archive[name], entry.type == .file else { return nil }
        var member = Data()
        let memberLimit = Self.memberLimit
        let room = Self.totalLimit - total
        if entry.isCompressed {
            if localHeaders == nil { localHeaders = ZipLocalHeaders(bytes, names: Set(names)) }
            member = try compressedMember(entry, limit: min(memberLimit, room))
            total += member.count
            return member
        }
        // ZIPFoundation reads a stored member for as many bytes as the directory says, whatever the
        // file holds: a size past the bounds is refused before reading.
        guard max(entry.uncompressedSize, entry.compressedSize) <= UInt64(min(memberLimit, room)) else {
            throw limitIssue(name, exceeded: room >= memberLimit)
        }
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                member.append(chunk)
                guard member.count <= min(memberLimit, room) else { throw ZipLimitExceeded() }
            }
        } catch is ZipLimitExceeded {
            throw limitIssue(name, exceeded: member.count > memberLimit)
        } catch {
            throw SourceIssue(line: 1, column: 1, "ZIP member '\(name)' cannot be read (\(error)); expected an intact archive")
        }
        total += member.count
        return member
    }

    /// A compressed member: deflated (ZIP method 8, with zlib) or Zstandard (method 93, with libzstd),
    /// bounded by `limit` and checked against the central directory's CRC-32.
    private func compressedMember(_ entry: Entry, limit: Int) throws(SourceIssue) -> Data {
        let member: Data
        if let compressed = localHeaders?.data(of: entry, method: Self.deflateMethod, in: bytes) {
            member = try decoded(entry, as: "deflate", limit: limit, exceeded: { ($0 as? DeflateDecoder.Failure) == .exceedsLimit }) {
                try DeflateDecoder.decompress(compressed, limit: limit)
            }
        } else if let compressed = localHeaders?.data(of: entry, method: Self.zstdMethod, in: bytes) {
            member = try decoded(entry, as: "Zstandard", limit: limit, exceeded: { ($0 as? ZstdDecoder.Failure) == .exceedsLimit }) {
                try ZstdDecoder.decompress(compressed, limit: limit)
            }
        } else {
            throw SourceIssue(line: 1, column: 1, "ZIP member '\(entry.path)' is compressed with a method Quill does not read; expected stored, deflated or Zstandard members")
        }
        guard member.crc32(checksum: 0) == entry.checksum else {
            throw SourceIssue(line: 1, column: 1, "ZIP member '\(entry.path)' fails its CRC-32 check; expected an intact archive")
        }
        return member
    }

    /// What `decode` gives for `entry`; its failure as the member's issue (`format` names the data expected).
    private func decoded(
        _ entry: Entry, as format: String, limit: Int, exceeded: (any Error) -> Bool, _ decode: () throws -> Data
    ) throws(SourceIssue) -> Data {
        do {
            return try decode()
        } catch where exceeded(error) {
            throw limitIssue(entry.path, exceeded: limit == Self.memberLimit)
        } catch {
            throw SourceIssue(line: 1, column: 1, "ZIP member '\(entry.path)' is not valid \(format) data (\(error)); expected an intact archive")
        }
    }

    /// The ZIP compression method number of deflate.
    private static let deflateMethod: UInt16 = 8
    /// The ZIP compression method number of Zstandard.
    private static let zstdMethod: UInt16 = 93

    /// The line for a member that decompressed past a bound: a member's own, or the archive's.
    private func limitIssue(_ name: String, exceeded memberBound: Bool) -> SourceIssue {
        let limit = memberBound ? "\(Self.memberLimit >> 20) MiB a member" : "\(Self.totalLimit >> 20) MiB an archive"
        return SourceIssue(line: 1, column: 1, "ZIP member '\(name)' decompresses past \(limit); expected a log within these bounds")
    }
}

/// Thrown from the extraction callback to stop reading a member that outgrew the bounds.
private struct ZipLimitExceeded: Error {}
