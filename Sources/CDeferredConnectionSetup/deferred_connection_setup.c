// Defers the set-up of libgit2's transports from `git_libgit2_init` to the first connection.
//
// While it initialises, libgit2 built with mbedTLS parses its compiled-in CA location through
// `mbedtls_x509_crt_parse_file` (or `_parse_path` for a folder), and its SSH transport calls
// `libssh2_init`. libgit2 is linked from its static archive with `--wrap` for those three functions
// (Package.swift), so its calls land in the `__wrap_` functions here and `__real_` names the
// library's own. While `git_libgit2_init` runs, a call only records what was asked (an empty CA
// chain for libgit2); every other call goes on to the library. `quill_git_prepare_connections` then
// starts libssh2 and hands the CA location back to libgit2 (`GIT_OPT_SET_SSL_CERT_LOCATIONS`), which
// parses it.

#include "deferred_connection_setup.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <git2.h>

typedef struct mbedtls_x509_crt mbedtls_x509_crt;

int __real_mbedtls_x509_crt_parse_file(mbedtls_x509_crt *chain, const char *path);
int __real_mbedtls_x509_crt_parse_path(mbedtls_x509_crt *chain, const char *path);
int __real_libssh2_init(int flags);

/// Whether calls are being recorded: only while `git_libgit2_init` runs.
static atomic_bool deferring;
static char *deferred_file;
static char *deferred_folder;
static bool deferred_ssh;
static int deferred_ssh_flags;
static atomic_int parses;

/// Records `location` in `deferred` while deferring; says whether it did.
static bool defer(const char *location, char **deferred) {
    if (!atomic_load(&deferring)) return false;
    free(*deferred);
    *deferred = location ? strdup(location) : NULL;
    return true;
}

int __wrap_mbedtls_x509_crt_parse_file(mbedtls_x509_crt *chain, const char *path) {
    if (defer(path, &deferred_file)) return 0;
    atomic_fetch_add(&parses, 1);
    return __real_mbedtls_x509_crt_parse_file(chain, path);
}

int __wrap_mbedtls_x509_crt_parse_path(mbedtls_x509_crt *chain, const char *path) {
    if (defer(path, &deferred_folder)) return 0;
    atomic_fetch_add(&parses, 1);
    return __real_mbedtls_x509_crt_parse_path(chain, path);
}

int __wrap_libssh2_init(int flags) {
    if (atomic_load(&deferring)) {
        deferred_ssh = true;
        deferred_ssh_flags = flags;
        return 0;
    }
    return __real_libssh2_init(flags);
}

int quill_git_init_deferring_connection_setup(void) {
    atomic_store(&deferring, true);
    int result = git_libgit2_init();
    atomic_store(&deferring, false);
    return result;
}

static pthread_once_t prepare_once = PTHREAD_ONCE_INIT;

static void prepare(void) {
    // libssh2 starts itself with its first session when this fails, as it does when never started.
    if (deferred_ssh) __real_libssh2_init(deferred_ssh_flags);
    if (deferred_file == NULL && deferred_folder == NULL) return;
    if (git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, deferred_file, deferred_folder) < 0) git_error_clear();
}

void quill_git_prepare_connections(void) {
    pthread_once(&prepare_once, prepare);
}

const char *quill_git_deferred_certificate_location(void) {
    return deferred_file ? deferred_file : deferred_folder;
}

int quill_git_certificate_parses(void) {
    return atomic_load(&parses);
}
