#ifndef QUILL_CLIBGIT2_SHIM_H
#define QUILL_CLIBGIT2_SHIM_H

#define GIT_DEPRECATE_HARD
#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/mempack.h>
#include <zlib.h>

/// `git_libgit2_opts` is variadic; Swift cannot call it directly.
static inline int quill_git_set_search_path(int level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

/// Whether libgit2 re-hashes every object it reads (git itself does not, outside fsck).
static inline int quill_git_enable_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/// Whether libgit2 keeps the objects it reads in its process-wide object cache.
static inline int quill_git_enable_caching(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_CACHING, enabled);
}

/// An object database backend that carries a pointer to the Swift object implementing it
/// (GitKit's `PackingBackend`): libgit2 hands callbacks the `git_odb_backend` pointer only.
typedef struct {
    git_odb_backend parent;
    void *owner;
} quill_odb_backend;

#endif
