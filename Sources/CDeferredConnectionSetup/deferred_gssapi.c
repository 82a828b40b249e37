// Loads MIT's libgssapi_krb5.so.2 with `dlopen` on libgit2's first GSSAPI call (HTTP's Negotiate
// authentication) instead of at start: linked, that library and the six it needs (krb5, k5crypto,
// keyutils, resolv…) cost every command about 0.5 ms of CPU. libgit2 is linked from its archive
// (Package.swift), so its references land on these definitions; each forwards to the library's own,
// or, when the library cannot be loaded, returns GSS_S_FAILURE as GSSAPI does for a failure it has
// no more precise code for.

#include "deferred_gssapi.h"

#include "deferred_library.h"

/// RFC 2744's major status GSS_S_FAILURE.
static const uint32_t failure = 13u << 16;

/// {iso(1) member-body(2) US(840) mit(113554) infosys(1) gssapi(2) generic(1) service_name(4)}: the
/// library compares name types by their bytes, so its own copy is not needed before it is loaded.
static quill_gss_oid hostbased_service = {10, "\x2a\x86\x48\x86\xf7\x12\x01\x02\x01\x04"};
quill_gss_oid *const GSS_C_NT_HOSTBASED_SERVICE = &hostbased_service;

static quill_deferred_library library = QUILL_DEFERRED_LIBRARY("libgssapi_krb5.so.2");

/// Defines `name(parameters)` as a call to the library's `name(arguments)`, or a failure.
#define FORWARD(name, parameters, arguments)                                                             \
    uint32_t name parameters {                                                                           \
        uint32_t(*function) parameters = (uint32_t(*) parameters)quill_deferred_symbol(&library, #name); \
        if (function == NULL) {                                                                          \
            *minor = 0;                                                                                  \
            return failure;                                                                              \
        }                                                                                                \
        return function arguments;                                                                       \
    }

FORWARD(gss_indicate_mechs, (uint32_t *minor, quill_gss_oid_set **mechanisms), (minor, mechanisms))
FORWARD(gss_release_oid_set, (uint32_t *minor, quill_gss_oid_set **set), (minor, set))
FORWARD(gss_import_name, (uint32_t *minor, quill_gss_buffer *text, quill_gss_oid *type, void **name),
        (minor, text, type, name))
FORWARD(gss_release_name, (uint32_t *minor, void **name), (minor, name))
FORWARD(gss_release_buffer, (uint32_t *minor, quill_gss_buffer *buffer), (minor, buffer))
FORWARD(gss_delete_sec_context, (uint32_t *minor, void **context, quill_gss_buffer *output), (minor, context, output))
FORWARD(gss_display_status,
        (uint32_t *minor, uint32_t status, int type, quill_gss_oid *mechanism, uint32_t *context, quill_gss_buffer *text),
        (minor, status, type, mechanism, context, text))
FORWARD(gss_init_sec_context,
        (uint32_t *minor, void *credential, void **context, void *target, quill_gss_oid *mechanism, uint32_t flags,
         uint32_t lifetime, void *bindings, quill_gss_buffer *input, quill_gss_oid **actual_mechanism,
         quill_gss_buffer *output, uint32_t *actual_flags, uint32_t *actual_lifetime),
        (minor, credential, context, target, mechanism, flags, lifetime, bindings, input, actual_mechanism, output,
         actual_flags, actual_lifetime))
