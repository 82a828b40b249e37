import CDeferredConnectionSetup
import Glibc
import Testing

@Suite("libssh2 calls forwarded to libssh2.so.1, loaded on the first")
struct DeferredSSHTests {
    @Test("the calls libgit2's SSH transport makes reach libssh2: a session, a refused handshake, libssh2's own error text")
    func callsReachTheLibrary() throws {
        #expect(libssh2_init(0) == 0)
        let session = try #require(libssh2_session_init_ex(nil, nil, nil, nil))
        defer { #expect(libssh2_session_free(session) == 0) }

        // A peer that answers with no SSH banner and hangs up: the handshake fails inside libssh2.
        var ends: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        defer { close(ends[0]) }
        let banner = Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8)
        #expect(write(ends[1], banner, banner.count) == banner.count)
        close(ends[1])
        libssh2_session_set_blocking(session, 1)
        #expect(libssh2_session_handshake(session, ends[0]) < 0)

        var message: UnsafeMutablePointer<CChar>?
        var length: Int32 = 0
        #expect(libssh2_session_last_error(session, &message, &length, 0) < 0)
        let text = String(cString: try #require(message))
        #expect(!text.isEmpty)
        #expect(!text.contains("could not be loaded"))
    }
}
