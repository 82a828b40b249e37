// Defers the set-up of libgit2's transports from `git_libgit2_init` to the first connection.
//
// While it initialises, libgit2 built with mbedTLS parses its compiled-in CA location through
// `mbedtls_x509_crt_parse_file` (or `_parse_path` for a folder), seeds the random generator TLS
// needs (`mbedtls_entropy_init`, which runs mbedTLS's HAVEGE timing loop, then
// `mbedtls_ctr_drbg_seed`: about 0.15 ms and a few code pages), and its SSH transport calls
// `libssh2_init`. libgit2 is linked from its static archive with `--wrap` for those five functions
// (Package.swift), so its calls land in the `__wrap_` functions here and `__real_` names the
// library's own. While `git_libgit2_init` runs, a call only records what was asked (an empty CA
// chain, a generator not yet seeded); every other call goes on to the library.
// `quill_git_prepare_connections` then seeds the generator, starts libssh2 and hands the CA location
// back to libgit2 (`GIT_OPT_SET_SSL_CERT_LOCATIONS`), which parses it.

#include "deferred_connection_setup.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <git2.h>

typedef struct mbedtls_x509_crt mbedtls_x509_crt;
typedef struct mbedtls_entropy_context mbedtls_entropy_context;
typedef struct mbedtls_ctr_drbg_context mbedtls_ctr_drbg_context;
typedef int (*entropy_source)(void *, unsigned char *, size_t);

int __real_mbedtls_x509_crt_parse_file(mbedtls_x509_crt *chain, const char *path);
int __real_mbedtls_x509_crt_parse_path(mbedtls_x509_crt *chain, const char *path);
void __real_mbedtls_entropy_init(mbedtls_entropy_context *entropy);
int __real_mbedtls_ctr_drbg_seed(mbedtls_ctr_drbg_context *generator, entropy_source source, void *entropy,
                                 const unsigned char *custom, size_t length);
int __real_libssh2_init(int flags);

/// Whether calls are being recorded: only while `git_libgit2_init` runs.
static atomic_bool deferring;
static char *deferred_file;
static char *deferred_folder;
static bool deferred_ssh;
static int deferred_ssh_flags;
static mbedtls_entropy_context *deferred_entropy;
/// The arguments of the deferred `mbedtls_ctr_drbg_seed`; `generator` NULL when there was none.
static struct {
    mbedtls_ctr_drbg_context *generator;
    entropy_source source;
    void *entropy;
} deferred_seed;
static atomic_int parses;
static atomic_int seeds;

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

void __wrap_mbedtls_entropy_init(mbedtls_entropy_context *entropy) {
    if (atomic_load(&deferring)) {
        deferred_entropy = entropy;
        return;
    }
    __real_mbedtls_entropy_init(entropy);
}

int __wrap_mbedtls_ctr_drbg_seed(mbedtls_ctr_drbg_context *generator, entropy_source source, void *entropy,
                                 const unsigned char *custom, size_t length) {
    // libgit2 passes no personalisation bytes; a call with some is not deferred, as they may not last.
    if (atomic_load(&deferring) && length == 0) {
        deferred_seed.generator = generator;
        deferred_seed.source = source;
        deferred_seed.entropy = entropy;
        return 0;
    }
    if (entropy != NULL && entropy == deferred_entropy) {
        __real_mbedtls_entropy_init(deferred_entropy);
        deferred_entropy = NULL;
    }
    atomic_fetch_add(&seeds, 1);
    return __real_mbedtls_ctr_drbg_seed(generator, source, entropy, custom, length);
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
    if (deferred_entropy != NULL) __real_mbedtls_entropy_init(deferred_entropy);
    // A generator left unseeded fails the TLS handshake that needs it, as a failed seed at
    // initialisation would have failed every command.
    if (deferred_seed.generator != NULL) {
        atomic_fetch_add(&seeds, 1);
        __real_mbedtls_ctr_drbg_seed(deferred_seed.generator, deferred_seed.source, deferred_seed.entropy, NULL, 0);
    }
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

int quill_git_random_seeds(void) {
    return atomic_load(&seeds);
}
