#ifndef QUILL_CLIBGIT2_SHIM_H
#define QUILL_CLIBGIT2_SHIM_H

#define GIT_DEPRECATE_HARD
#include <git2.h>

/// `git_libgit2_opts` is variadic; Swift cannot call it directly.
static inline int quill_git_set_search_path(int level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

/// Turns off the fsync-free object write check so freshly written objects are verified.
static inline int quill_git_enable_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

static inline int quill_git_enable_fsync(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}

#endif
