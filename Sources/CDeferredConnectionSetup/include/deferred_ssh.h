#ifndef QUILL_DEFERRED_SSH_H
#define QUILL_DEFERRED_SSH_H

// The libssh2 calls libgit2's SSH transport makes, defined by deferred_ssh.c, which loads
// libssh2.so.1 on the first of them. Declared by libssh2's own header, which the definitions are
// compiled against.

#include <libssh2.h>

#endif
