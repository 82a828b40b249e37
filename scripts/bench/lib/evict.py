#!/usr/bin/env python3
"""Evicts files from the page cache, for the cold-cache rows of the benchmarks where
/proc/sys/vm/drop_caches cannot be written (a container without that right): after a sync, every
regular file under each PATH (a folder is walked, symlinks are not followed) is read out of the
cache with posix_fadvise(POSIX_FADV_DONTNEED). Only clean pages are dropped, hence the sync.

    evict.py PATH...
"""
import os
import sys


def evict(path):
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return 0
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        return 1
    finally:
        os.close(fd)


def main():
    os.sync()
    count = 0
    for root in sys.argv[1:]:
        if os.path.isfile(root):
            count += evict(root)
        for folder, _, files in os.walk(root):
            count += sum(evict(os.path.join(folder, name)) for name in files)
    if count == 0:
        sys.exit("evict.py: no file evicted")


if __name__ == "__main__":
    main()
