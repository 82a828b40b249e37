/* libdeflate's whole-buffer zlib decompression (pkg-config `libdeflate`), for objects of mapped pack files. */
#include <libdeflate.h>
