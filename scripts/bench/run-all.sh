#!/usr/bin/env bash
# Runs every benchmark in scripts/bench (each *.sh but this one), in name order, and stops at the
# first failure. Environment variables are passed on (see each script; e.g. BENCH_STRICT=1).
#
#   scripts/bench/run-all.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ran=0
for bench in "$HERE"/*.sh; do
    [ "$(basename "$bench")" = run-all.sh ] && continue
    # real-file.sh needs a clone you give it (see its header); run it alone.
    [ "$(basename "$bench")" = real-file.sh ] && continue
    printf '\n### %s\n' "$(basename "$bench")"
    bash "$bench"
    ran=$((ran + 1))
done
printf '\n%d benchmark(s) ran\n' "$ran"
