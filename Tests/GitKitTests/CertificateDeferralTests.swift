import Foundation
@testable import GitKit
import TestSupport
import Testing

@Suite("CA certificates")
struct CertificateDeferralTests {
    @Test("libgit2 starts without parsing its CA certificates or seeding TLS's random generator; the first fetch does both, once")
    func parsedOnFirstFetch() throws {
        LibGit2.ensureInitialized()
        // A libgit2 built with another TLS library asks for no certificates while it initialises.
        guard let location = LibGit2.deferredCertificateLocation else { return }
        #expect(FileManager.default.fileExists(atPath: location))
        // Both wait for the process's first connection (another test's fetch may have come first).
        #expect(LibGit2.randomSeeds == LibGit2.certificateParses)
        let source = try TestRepository()
        try source.write("a.txt", "a\n")
        let commit = try source.commitAll("first")
        let local = try TestRepository()
        let opened = try local.open()
        for _ in 0..<2 {
            try opened.fetch(remote: source.path, refspecs: ["+refs/heads/*:refs/quill-remotes/r/heads/*"], receiver: .libgit2)
        }
        #expect(try local.git("rev-parse", "refs/quill-remotes/r/heads/main") == commit)
        #expect(LibGit2.certificateParses == 1)
        #expect(LibGit2.randomSeeds == 1)
    }
}
