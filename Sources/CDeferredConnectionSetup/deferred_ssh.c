// Loads libssh2.so.1 with `dlopen` on libgit2's first SSH call (an ssh:// remote) instead of linking
// libssh2 and the OpenSSL libcrypto it needs into every command: linked from their archives, their
// data (libcrypto's 330 KB of method and object tables) were relocated, and libcrypto's CPU probe
// run, at each start: 0.2 ms and 0.4 MB of `quill --version`. libgit2 is linked from its
// archive (Package.swift), so its references land on these definitions, checked against
// <libssh2.h>'s declarations; each forwards to the library's own. When the library cannot be loaded
// (the libssh2-1 package missing), creating a session returns NULL, which libgit2 reports as
// "failed to initialize SSH session"; the other calls need a session, agent or channel first.

#include "deferred_ssh.h"

#include "deferred_library.h"

static quill_deferred_library library = QUILL_DEFERRED_LIBRARY("libssh2.so.1");

/// Defines `type name(parameters)` as a call to the library's `name(arguments)`, or `failure`.
#define FORWARD(type, failure, name, parameters, arguments)                                      \
    type name parameters {                                                                       \
        __typeof__(name) *function = (__typeof__(name) *)quill_deferred_symbol(&library, #name); \
        if (function == NULL) return failure;                                                    \
        return function arguments;                                                               \
    }

/// `FORWARD` for a function that returns nothing.
#define FORWARD_VOID(name, parameters, arguments)                                                \
    void name parameters {                                                                       \
        __typeof__(name) *function = (__typeof__(name) *)quill_deferred_symbol(&library, #name); \
        if (function != NULL) function arguments;                                                \
    }

/// What a call returns when the library is missing: libssh2's code for an unusable argument.
#define UNAVAILABLE LIBSSH2_ERROR_INVAL

FORWARD(int, UNAVAILABLE, libssh2_init, (int flags), (flags))
FORWARD_VOID(libssh2_exit, (void), ())

FORWARD(LIBSSH2_SESSION *, NULL, libssh2_session_init_ex,
        (void *(*my_alloc)(size_t count, void **abstract), void (*my_free)(void *ptr, void **abstract),
         void *(*my_realloc)(void *ptr, size_t count, void **abstract), void *abstract),
        (my_alloc, my_free, my_realloc, abstract))
FORWARD(void **, NULL, libssh2_session_abstract, (LIBSSH2_SESSION *session), (session))
FORWARD(int, UNAVAILABLE, libssh2_session_handshake, (LIBSSH2_SESSION *session, libssh2_socket_t sock), (session, sock))
FORWARD(int, UNAVAILABLE, libssh2_session_disconnect_ex,
        (LIBSSH2_SESSION *session, int reason, const char *description, const char *lang),
        (session, reason, description, lang))
FORWARD(int, UNAVAILABLE, libssh2_session_free, (LIBSSH2_SESSION *session), (session))
FORWARD(const char *, NULL, libssh2_hostkey_hash, (LIBSSH2_SESSION *session, int hash_type), (session, hash_type))
FORWARD(const char *, NULL, libssh2_session_hostkey, (LIBSSH2_SESSION *session, size_t *len, int *type),
        (session, len, type))
FORWARD(int, UNAVAILABLE, libssh2_session_method_pref, (LIBSSH2_SESSION *session, int method_type, const char *prefs),
        (session, method_type, prefs))
FORWARD_VOID(libssh2_session_set_blocking, (LIBSSH2_SESSION *session, int blocking), (session, blocking))

/// libgit2 reads the message whatever the code: without the library it names what is missing.
int libssh2_session_last_error(LIBSSH2_SESSION *session, char **errmsg, int *errmsg_len, int want_buf) {
    __typeof__(libssh2_session_last_error) *function =
        (__typeof__(libssh2_session_last_error) *)quill_deferred_symbol(&library, "libssh2_session_last_error");
    if (function != NULL) return function(session, errmsg, errmsg_len, want_buf);
    static char message[] = "libssh2.so.1 could not be loaded";
    if (errmsg != NULL) *errmsg = message;
    if (errmsg_len != NULL) *errmsg_len = (int)sizeof message - 1;
    return UNAVAILABLE;
}

FORWARD(char *, NULL, libssh2_userauth_list, (LIBSSH2_SESSION *session, const char *username, unsigned int username_len),
        (session, username, username_len))
FORWARD(int, UNAVAILABLE, libssh2_userauth_authenticated, (LIBSSH2_SESSION *session), (session))
FORWARD(int, UNAVAILABLE, libssh2_userauth_password_ex,
        (LIBSSH2_SESSION *session, const char *username, unsigned int username_len, const char *password,
         unsigned int password_len,
         void (*passwd_change_cb)(LIBSSH2_SESSION *session, char **newpw, int *newpw_len, void **abstract)),
        (session, username, username_len, password, password_len, passwd_change_cb))
FORWARD(int, UNAVAILABLE, libssh2_userauth_publickey_fromfile_ex,
        (LIBSSH2_SESSION *session, const char *username, unsigned int username_len, const char *publickey,
         const char *privatekey, const char *passphrase),
        (session, username, username_len, publickey, privatekey, passphrase))
FORWARD(int, UNAVAILABLE, libssh2_userauth_publickey,
        (LIBSSH2_SESSION *session, const char *username, const unsigned char *pubkeydata, size_t pubkeydata_len,
         int (*sign_callback)(LIBSSH2_SESSION *session, unsigned char **sig, size_t *sig_len, const unsigned char *data,
                              size_t data_len, void **abstract),
         void **abstract),
        (session, username, pubkeydata, pubkeydata_len, sign_callback, abstract))
FORWARD(int, UNAVAILABLE, libssh2_userauth_publickey_frommemory,
        (LIBSSH2_SESSION *session, const char *username, size_t username_len, const char *publickeyfiledata,
         size_t publickeyfiledata_len, const char *privatekeyfiledata, size_t privatekeyfiledata_len,
         const char *passphrase),
        (session, username, username_len, publickeyfiledata, publickeyfiledata_len, privatekeyfiledata,
         privatekeyfiledata_len, passphrase))
FORWARD(int, UNAVAILABLE, libssh2_userauth_keyboard_interactive_ex,
        (LIBSSH2_SESSION *session, const char *username, unsigned int username_len,
         void (*response_callback)(const char *name, int name_len, const char *instruction, int instruction_len,
                                   int num_prompts, const LIBSSH2_USERAUTH_KBDINT_PROMPT *prompts,
                                   LIBSSH2_USERAUTH_KBDINT_RESPONSE *responses, void **abstract)),
        (session, username, username_len, response_callback))

FORWARD(LIBSSH2_CHANNEL *, NULL, libssh2_channel_open_ex,
        (LIBSSH2_SESSION *session, const char *channel_type, unsigned int channel_type_len, unsigned int window_size,
         unsigned int packet_size, const char *message, unsigned int message_len),
        (session, channel_type, channel_type_len, window_size, packet_size, message, message_len))
FORWARD(int, UNAVAILABLE, libssh2_channel_process_startup,
        (LIBSSH2_CHANNEL *channel, const char *request, unsigned int request_len, const char *message,
         unsigned int message_len),
        (channel, request, request_len, message, message_len))
FORWARD(ssize_t, UNAVAILABLE, libssh2_channel_read_ex, (LIBSSH2_CHANNEL *channel, int stream_id, char *buf, size_t buflen),
        (channel, stream_id, buf, buflen))
FORWARD(ssize_t, UNAVAILABLE, libssh2_channel_write_ex,
        (LIBSSH2_CHANNEL *channel, int stream_id, const char *buf, size_t buflen), (channel, stream_id, buf, buflen))
FORWARD_VOID(libssh2_channel_set_blocking, (LIBSSH2_CHANNEL *channel, int blocking), (channel, blocking))
FORWARD(int, UNAVAILABLE, libssh2_channel_close, (LIBSSH2_CHANNEL *channel), (channel))
FORWARD(int, UNAVAILABLE, libssh2_channel_free, (LIBSSH2_CHANNEL *channel), (channel))

FORWARD(LIBSSH2_KNOWNHOSTS *, NULL, libssh2_knownhost_init, (LIBSSH2_SESSION *session), (session))
FORWARD(int, UNAVAILABLE, libssh2_knownhost_checkp,
        (LIBSSH2_KNOWNHOSTS *hosts, const char *host, int port, const char *key, size_t keylen, int typemask,
         struct libssh2_knownhost **knownhost),
        (hosts, host, port, key, keylen, typemask, knownhost))
FORWARD(int, UNAVAILABLE, libssh2_knownhost_readfile, (LIBSSH2_KNOWNHOSTS *hosts, const char *filename, int type),
        (hosts, filename, type))
FORWARD_VOID(libssh2_knownhost_free, (LIBSSH2_KNOWNHOSTS *hosts), (hosts))

FORWARD(LIBSSH2_AGENT *, NULL, libssh2_agent_init, (LIBSSH2_SESSION *session), (session))
FORWARD(int, UNAVAILABLE, libssh2_agent_connect, (LIBSSH2_AGENT *agent), (agent))
FORWARD(int, UNAVAILABLE, libssh2_agent_list_identities, (LIBSSH2_AGENT *agent), (agent))
FORWARD(int, UNAVAILABLE, libssh2_agent_get_identity,
        (LIBSSH2_AGENT *agent, struct libssh2_agent_publickey **store, struct libssh2_agent_publickey *prev),
        (agent, store, prev))
FORWARD(int, UNAVAILABLE, libssh2_agent_userauth,
        (LIBSSH2_AGENT *agent, const char *username, struct libssh2_agent_publickey *identity),
        (agent, username, identity))
FORWARD(int, UNAVAILABLE, libssh2_agent_disconnect, (LIBSSH2_AGENT *agent), (agent))
FORWARD_VOID(libssh2_agent_free, (LIBSSH2_AGENT *agent), (agent))
