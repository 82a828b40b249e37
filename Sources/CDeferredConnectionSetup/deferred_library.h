#ifndef QUILL_DEFERRED_LIBRARY_H
#define QUILL_DEFERRED_LIBRARY_H

// A shared library loaded with `dlopen` on the first call that needs it, for the libraries libgit2
// calls only to connect (deferred_gssapi.c, deferred_ssh.c).

#include <pthread.h>
#include <stdbool.h>

typedef struct {
    /// The library's file name, as `dlopen` searches for it (`libssh2.so.1`).
    const char *file;
    pthread_mutex_t lock;
    bool tried;
    void *handle;
} quill_deferred_library;

/// A library named `file`, not loaded yet.
#define QUILL_DEFERRED_LIBRARY(file) {file, PTHREAD_MUTEX_INITIALIZER, false, NULL}

/// The library's definition of `name`, loading the library on the first call; NULL when it cannot
/// be loaded.
void *quill_deferred_symbol(quill_deferred_library *library, const char *name);

#endif
