// Defers libgit2's CA-certificate parse from `git_libgit2_init` to the first connection.
//
// libgit2's mbedTLS stream parses its compiled-in CA location while it initialises, through
// `mbedtls_x509_crt_parse_file` (or `_parse_path` for a folder). This file defines both: the
// process's definition comes first in the dynamic linker's search order, so libgit2's calls land
// here. While `git_libgit2_init` runs, a call only records the location and gives libgit2 an empty
// chain; every other call goes on to mbedTLS. `quill_git_load_certificates` hands the recorded
// location back to libgit2 (`GIT_OPT_SET_SSL_CERT_LOCATIONS`), which parses it then. A libgit2
// built with another TLS library never calls these, and nothing changes.

#define _GNU_SOURCE
#include "deferred_certificates.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <git2.h>

typedef struct mbedtls_x509_crt mbedtls_x509_crt;
typedef int (*parse_function)(mbedtls_x509_crt *, const char *);

/// Whether calls are being recorded: only while `git_libgit2_init` runs.
static atomic_bool deferring;
static char *deferred_file;
static char *deferred_folder;
static atomic_int parses;

/// mbedTLS's own definition of `name`, the next one after this file's in the search order.
static parse_function next_definition(const char *name) {
    return (parse_function)dlsym(RTLD_NEXT, name);
}

static int parse_or_defer(mbedtls_x509_crt *chain, const char *location, char **deferred, const char *name) {
    if (atomic_load(&deferring)) {
        free(*deferred);
        *deferred = location ? strdup(location) : NULL;
        return 0;
    }
    parse_function parse = next_definition(name);
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

int quill_git_init_deferring_certificates(void) {
    atomic_store(&deferring, true);
    int result = git_libgit2_init();
    atomic_store(&deferring, false);
    return result;
}

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    if (deferred_file == NULL && deferred_folder == NULL) return;
    if (git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, deferred_file, deferred_folder) < 0) git_error_clear();
}

void quill_git_load_certificates(void) {
    pthread_once(&load_once, load);
}

const char *quill_git_deferred_certificate_location(void) {
    return deferred_file ? deferred_file : deferred_folder;
}

int quill_git_certificate_parses(void) {
    return atomic_load(&parses);
}
