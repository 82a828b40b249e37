/* Zstandard's decompression API (libzstd, pkg-config `libzstd`), for the ZIP members of Inspect AI logs. */
#include <zstd.h>
