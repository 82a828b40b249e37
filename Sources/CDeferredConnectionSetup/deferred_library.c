#define _GNU_SOURCE
#include "deferred_library.h"

#include <dlfcn.h>

void *quill_deferred_symbol(quill_deferred_library *library, const char *name) {
    pthread_mutex_lock(&library->lock);
    if (!library->tried) {
        library->handle = dlopen(library->file, RTLD_NOW | RTLD_LOCAL);
        library->tried = true;
    }
    void *handle = library->handle;
    pthread_mutex_unlock(&library->lock);
    return handle ? dlsym(handle, name) : NULL;
}
