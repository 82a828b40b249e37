#ifndef QUILL_DEFERRED_CONNECTION_SETUP_H
#define QUILL_DEFERRED_CONNECTION_SETUP_H

/// Runs `git_libgit2_init` without the set-up only connections need: libgit2 built with mbedTLS
/// parses the system's whole CA bundle there (3-5 ms), seeds the random generator TLS needs (0.15 ms)
/// and starts libssh2, which starts OpenSSL's libcrypto (about 1 ms and 1.5 MB). All wait for
/// `quill_git_prepare_connections`. Returns what `git_libgit2_init` returns.
int quill_git_init_deferring_connection_setup(void);

/// Does the set-up `git_libgit2_init` deferred, once; call before any connection. When the CA
/// certificates cannot be read, HTTPS fails to verify its server, as it would have had the parse
/// failed at initialisation (libgit2 ignores that failure there, and so does this).
void quill_git_prepare_connections(void);

/// The CA file (else folder) `git_libgit2_init` asked for and this deferred; NULL when it asked for
/// none (libgit2 built without mbedTLS).
const char *quill_git_deferred_certificate_location(void);

/// How many times CA certificates were parsed through libgit2's mbedTLS: 0 until a connection needed them.
int quill_git_certificate_parses(void);

/// How many times mbedTLS's random generator was seeded for libgit2's TLS: 0 until a connection needed it.
int quill_git_random_seeds(void);

#endif
