#!/usr/bin/env bash
# Benchmark: Quill at scale (issue 19; scripts/bench/scale-bench.py does the work).
#   An eval store of 1,000,000 records (10,000 commits x 20 prompts x 5 suites, 100 batches of 10,000)
#   beside one of 10,000 (its first batch), built with git fast-import; on each: a batch of 10,000 new
#   records (target <= 2 s, <= 150 MB), one record (<= 50 ms), `quill log P` with scores (<= 1.5x
#   `git log --follow`, <= 100 MB), `quill eval list P` and `quill blame P --metric accuracy` (<= 1 s,
#   <= 100 MB); `quill sync` of 100,000 new records over git daemon (<= 30 s; from the remote as the
#   records were written to it, and again after `git gc` there, as a server keeps it); and a monorepo of
#   10,000 prompts and 100,000 commits: `quill log` (<= 2 s), `quill status` (<= 1 s), `quill review`,
#   with quill.yaml globs matching a tenth of the prompts.
#
#   scripts/bench/scale.sh            # prints the figures as JSON, with the load average
#   scripts/bench/scale.sh --check    # small shape, 18 batches: generator == quill (trees, packs), answers identical across sizes
#
# Environment: BENCH_RUNS (default 3), BENCH_PARTS (default stores,sync,monorepo), BENCH_SKIP_BUILD=1, BENCH_QUILL=PATH, as for the other scripts.
# Needs about 3 GB in .build-bench/data and, on an idle machine, about 15 minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRATCH="$ROOT/.build-bench"

NAME=scale.sh
# shellcheck source=lib/common.sh
source "$ROOT/scripts/bench/lib/common.sh"
bench_quill

if [ "${1:-}" = --check ]; then
    exec python3 "$ROOT/scripts/bench/scale-bench.py" "$QUILL" "$SCRATCH/data/scale-check" \
        --commits 72 --prompts 4 --suites 2 --batch-commits 4 --runs 1 --check
fi
python3 "$ROOT/scripts/bench/scale-bench.py" "$QUILL" "$SCRATCH/data" --runs "${BENCH_RUNS:-3}" --parts "${BENCH_PARTS:-stores,sync,monorepo}"
