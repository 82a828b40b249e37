// Defers the set-up of libgit2's transports from `git_libgit2_init` to the first connection.
//
// While it initialises, libgit2 built with mbedTLS parses its compiled-in CA location through
// `mbedtls_x509_crt_parse_file` (or `_parse_path` for a folder), and its SSH transport calls
// `libssh2_init`. This file defines those three functions: the process's definition comes first in
// the dynamic linker's search order, so libgit2's calls land here. While `git_libgit2_init` runs, a
// call only records what was asked (an empty CA chain for libgit2); every other call goes on to the
// library's own definition. `quill_git_prepare_connections` then starts libssh2 and hands the CA
// location back to libgit2 (`GIT_OPT_SET_SSL_CERT_LOCATIONS`), which parses it. A libgit2 built
// with another TLS library, or without SSH, never calls these, and nothing changes.

#define _GNU_SOURCE
#include "deferred_connection_setup.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <git2.h>

typedef struct mbedtls_x509_crt mbedtls_x509_crt;
typedef int (*parse_function)(mbedtls_x509_crt *, const char *);
typedef int (*libssh2_init_function)(int);

/// Whether calls are being recorded: only while `git_libgit2_init` runs.
static atomic_bool deferring;
static char *deferred_file;
static char *deferred_folder;
static bool deferred_ssh;
static int deferred_ssh_flags;
static atomic_int parses;

static int parse_or_defer(mbedtls_x509_crt *chain, const char *location, char **deferred, const char *name) {
    if (atomic_load(&deferring)) {
        free(*deferred);
        *deferred = location ? strdup(location) : NULL;
        return 0;
    }
    parse_function parse = (parse_function)dlsym(RTLD_NEXT, name);
    if (parse == NULL) return -1;
    atomic_fetch_add(&parses, 1);
    return parse(chain, location);
}

int mbedtls_x509_crt_parse_file(mbedtls_x509_crt *chain, const char *path) {
    return parse_or_defer(chain, path, &deferred_file, "mbedtls_x509_crt_parse_file");
}

int mbedtls_x509_crt_parse_path(mbedtls_x509_crt *chain, const char *path) {
    return parse_or_defer(chain, path, &deferred_folder, "mbedtls_x509_crt_parse_path");
}

int libssh2_init(int flags) {
    if (atomic_load(&deferring)) {
        deferred_ssh = true;
        deferred_ssh_flags = flags;
        return 0;
    }
    libssh2_init_function start = (libssh2_init_function)dlsym(RTLD_NEXT, "libssh2_init");
    return start == NULL ? -1 : start(flags);
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
    if (deferred_ssh) libssh2_init(deferred_ssh_flags);
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
