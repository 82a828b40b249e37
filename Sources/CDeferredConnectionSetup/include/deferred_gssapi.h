#ifndef QUILL_DEFERRED_GSSAPI_H
#define QUILL_DEFERRED_GSSAPI_H

// The GSSAPI calls libgit2 makes for HTTP's Negotiate authentication, defined by
// deferred_gssapi.c, which loads MIT's libgssapi_krb5.so.2 on the first of them. Types are RFC 2744's
// (the GSSAPI C bindings) as MIT lays them out on LP64, under Quill's names; handles are pointers.

#include <stddef.h>
#include <stdint.h>

/// An object identifier: `length` bytes of its DER encoding at `elements` (`gss_OID_desc`).
typedef struct {
    uint32_t length;
    void *elements;
} quill_gss_oid;

/// A set of object identifiers (`gss_OID_set_desc`).
typedef struct {
    size_t count;
    quill_gss_oid *elements;
} quill_gss_oid_set;

/// Bytes passed to or returned by GSSAPI (`gss_buffer_desc`).
typedef struct {
    size_t length;
    void *value;
} quill_gss_buffer;

/// RFC 2744's GSS_C_NT_HOSTBASED_SERVICE, the name type of "service@host".
extern quill_gss_oid *const GSS_C_NT_HOSTBASED_SERVICE;

uint32_t gss_indicate_mechs(uint32_t *minor, quill_gss_oid_set **mechanisms);
uint32_t gss_release_oid_set(uint32_t *minor, quill_gss_oid_set **set);
uint32_t gss_import_name(uint32_t *minor, quill_gss_buffer *text, quill_gss_oid *type, void **name);
uint32_t gss_release_name(uint32_t *minor, void **name);
uint32_t gss_release_buffer(uint32_t *minor, quill_gss_buffer *buffer);
uint32_t gss_delete_sec_context(uint32_t *minor, void **context, quill_gss_buffer *output);
uint32_t gss_display_status(uint32_t *minor, uint32_t status, int type, quill_gss_oid *mechanism, uint32_t *context,
                            quill_gss_buffer *text);
uint32_t gss_init_sec_context(uint32_t *minor, void *credential, void **context, void *target, quill_gss_oid *mechanism,
                              uint32_t flags, uint32_t lifetime, void *bindings, quill_gss_buffer *input,
                              quill_gss_oid **actual_mechanism, quill_gss_buffer *output, uint32_t *actual_flags,
                              uint32_t *actual_lifetime);

#endif
