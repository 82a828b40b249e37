#!/usr/bin/env python3
"""Print the function order of Sources/quill/symbol-order.txt from profiled runs (symbol-order.sh).

    order-functions.py MAP EXE CALLGRIND...

MAP is EXE's link map (lld's `-Map`, written with `--no-demangle`), each CALLGRIND the output of one
run of EXE under valgrind's callgrind. Every function of EXE a run called is printed once, in the
order of the runs, each run's new functions sorted by name (so that the file's changes are
readable): what the commonest commands run lies closest together.

lld gives a section the place of the first listed function it holds. A local name that several
files define (`objectdestroyTm`, `$sSqwcp`: a copy per Swift file) places every copy, since a
profile cannot tell which copy ran. Most copies are small sections of their own, cheap to move
together, and listing them keeps the few that run from costing a 64 KiB window each; but a copy
inside a section that holds other functions too (a toolchain library compiled as one section per
file, such as `_RegexParser.o`'s 490 KB) brings all of it to the front. A name is left out when the
sections it would bring, beyond those the functions listed so far bring, hold more than 64 KiB.
"""

import re
import sys

ROW = re.compile(r"\s*[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+ +(\S.*)")

# The most code of sections holding other functions too that one name may bring to the front: the
# kernel maps 64 KiB around a page touched, so the same again is at stake in copies left in place.
SHARED_SECTIONS_LIMIT = 64 * 1024


def read_map(path):
    """Return the size of each of `.text`'s input sections, the number of functions each holds, and
    the sections of each name."""
    sizes, functions_in, sections_of = [], [], {}
    with open(path) as lines:
        header = next(lines)
        in_column, symbol_column = header.index("In "), header.index("Symbol")
        in_text = False
        for line in lines:
            row = ROW.match(line)
            if not row:
                continue
            name, column = row.group(2), row.start(2)
            if column < in_column:
                in_text = name == ".text"
            elif in_text and column < symbol_column:
                sizes.append(int(row.group(1), 16))
                functions_in.append(0)
            elif in_text:
                functions_in[-1] += 1
                sections_of.setdefault(name, []).append(len(functions_in) - 1)
    return sizes, functions_in, sections_of


def called_functions(path, exe):
    """The names of `exe`'s functions one callgrind run called (a recursion depth, `f'2`, dropped)."""
    names, inside = set(), False
    with open(path) as lines:
        for line in lines:
            if line.startswith("ob="):
                inside = line[3:].rstrip("\n") == exe
            elif inside and line.startswith("fn="):
                names.add(re.sub(r"'\d+$", "", line[3:].rstrip("\n")))
    return names


def main():
    map_path, exe, runs = sys.argv[1], sys.argv[2], sys.argv[3:]
    sizes, functions_in, sections_of = read_map(map_path)
    placed, listed = set(), set()
    for run in runs:
        new = sorted(name for name in called_functions(run, exe) - listed if name in sections_of)
        placed.update(sections_of[name][0] for name in new if len(sections_of[name]) == 1)
        for name in new:
            sections = sections_of[name]
            if sum(sizes[s] for s in sections if functions_in[s] > 1 and s not in placed) <= SHARED_SECTIONS_LIMIT:
                placed.update(sections)
                listed.add(name)
                print(name)


main()
