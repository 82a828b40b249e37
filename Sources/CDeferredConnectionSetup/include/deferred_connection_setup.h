#ifndef QUILL_DEFERRED_CERTIFICATES_H
#define QUILL_DEFERRED_CERTIFICATES_H

/// Runs `git_libgit2_init` without its parse of the system's CA certificates (libgit2 built with
/// mbedTLS parses the whole bundle there, about 3 ms, though only HTTPS needs it); the locations it
/// asked for are kept for `quill_git_load_certificates`. Returns what `git_libgit2_init` returns.
int quill_git_init_deferring_certificates(void);

/// Parses the CA certificates `git_libgit2_init` deferred, once; call before any connection. When
/// they cannot be read, HTTPS fails to verify its server, as it would have had the parse failed at
/// initialisation (libgit2 ignores that failure there, and so does this).
void quill_git_load_certificates(void);

/// The CA file (else folder) `git_libgit2_init` asked for and this deferred; NULL when it asked for
/// none (libgit2 built without mbedTLS).
const char *quill_git_deferred_certificate_location(void);

/// How many times CA certificates were parsed through libgit2's mbedTLS: 0 until a connection needed them.
int quill_git_certificate_parses(void);

#endif
