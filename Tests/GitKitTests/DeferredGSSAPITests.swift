import CDeferredConnectionSetup
import Testing

@Suite("GSSAPI calls forwarded to MIT's library, loaded on the first")
struct DeferredGSSAPITests {
    /// Kerberos 5's mechanism, {iso(1) member-body(2) US(840) mit(113554) infosys(1) gssapi(2) krb5(2)}.
    static let kerberos: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x12, 0x01, 0x02, 0x02]

    @Test("the calls libgit2's Negotiate makes reach MIT's library: its mechanisms, a host-based name, its own error text")
    func callsReachTheLibrary() throws {
        var minor: UInt32 = 0
        var mechanisms: UnsafeMutablePointer<quill_gss_oid_set>?
        #expect(gss_indicate_mechs(&minor, &mechanisms) == 0)
        let set = try #require(mechanisms).pointee
        let identifiers = (0..<set.count).map { index in
            let oid = set.elements[index]
            return Array(UnsafeRawBufferPointer(start: oid.elements, count: Int(oid.length)))
        }
        #expect(identifiers.contains(Self.kerberos))
        #expect(gss_release_oid_set(&minor, &mechanisms) == 0)
        #expect(mechanisms == nil)

        var text = Array("HTTP@localhost".utf8)
        var name: UnsafeMutableRawPointer?
        let imported = text.withUnsafeMutableBytes { bytes in
            var buffer = quill_gss_buffer(length: bytes.count, value: bytes.baseAddress)
            return gss_import_name(&minor, &buffer, GSS_C_NT_HOSTBASED_SERVICE, &name)
        }
        #expect(imported == 0)
        #expect(name != nil)

        // No Kerberos ticket here: the library refuses, and says why in its own words.
        var context: UnsafeMutableRawPointer?
        var output = quill_gss_buffer(length: 0, value: nil)
        let major = gss_init_sec_context(&minor, nil, &context, name, nil, 0, 0, nil, nil, nil, &output, nil, nil)
        #expect(major != 0)
        var message = quill_gss_buffer(length: 0, value: nil)
        var more: UInt32 = 0
        #expect(gss_display_status(&minor, major, 1, nil, &more, &message) == 0)
        let words = String(decoding: UnsafeRawBufferPointer(start: message.value, count: message.length), as: UTF8.self)
        #expect(!words.isEmpty)
        #expect(gss_release_buffer(&minor, &message) == 0)
        _ = gss_delete_sec_context(&minor, &context, nil)
        #expect(gss_release_name(&minor, &name) == 0)
    }
}
