#!/usr/bin/env bash
# Builds Quill's libFuzzer targets (Fuzz/, docs/security.md "Fuzzing") with AddressSanitizer and runs
# each for a bounded time. Fails when any target crashes, leaks, times out on an input, runs out of
# memory or breaks an invariant; the input is kept in Fuzz/crashes/ (not tracked).
#
#   scripts/fuzz/run-all.sh [SECONDS] [TARGET…]     SECONDS per target (default 30), all targets by default
#
# Environment: FUZZ_JOBS targets run side by side (default 1).
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/../.."
seconds=${1:-30}
shift || true
jobs=${FUZZ_JOBS:-1}
root=$PWD
scratch=$root/.build-fuzz
work=$scratch/run
crashes=$root/Fuzz/crashes

# Known problems whose fixes are pending in other work: inputs reaching them are skipped so the run
# looks for new ones (Fuzz/Sources/quill-fuzz/KnownIssue.swift). None is open today.
export QUILL_FUZZ_SKIP=${QUILL_FUZZ_SKIP-}

# Sanitizer reports, not Swift's own backtracer (which trips AddressSanitizer when it runs); leaks
# that are Foundation's, not Quill's, are suppressed (Fuzz/lsan.supp says which and why).
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS=suppressions=$root/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}

echo "building the fuzz targets (-sanitize=fuzzer,address)"
started=$SECONDS
mkdir -p "$scratch"
# The C of libyaml (Yams) is instrumented too; gold's warnings about ASan's local symbols are noise.
swift build --package-path Fuzz --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >"$scratch/build.log" 2>&1 || {
    grep -v 'Cannot export local symbol' "$scratch/build.log" | tail -40
    exit 1
}
fuzzer=$scratch/debug/quill-fuzz
echo "built in $((SECONDS - started)) s"

if (($# == 0)); then
    mapfile -t targets < <("$fuzzer" --list | cut -f1)
else
    targets=("$@")
fi

# Seeds: the repository's fixtures of each format, and Fuzz/corpus/<target>/ (see make-git-seeds.sh).
seeds() {
    case $1 in
    dotprompt) echo Fixtures/prompts/*.prompt Fixtures/malformed/*.prompt ;;
    prompty) echo Fixtures/prompts/*.prompty Fixtures/malformed/*.prompty ;;
    markdown) echo Fixtures/prompts/*.md Fixtures/prompts/*.txt ;;
    chat-json) echo Fixtures/prompts/*.json Fixtures/malformed/*.json ;;
    github-models) echo Fixtures/prompts/*.prompt.yml Fixtures/malformed/*.prompt.yml ;;
    results-json) echo Fixtures/evals/*.json ;;
    results-jsonl | case-lines) echo Fixtures/evals/*.jsonl ;;
    results-yaml) echo Fixtures/evals/*.yaml ;;
    results-toml) echo Fixtures/evals/*.toml ;;
    results-eval) echo Fixtures/evals/*.eval ;;
    results-csv) echo Fixtures/evals/*.csv ;;
    toml-prompt) echo Fixtures/evals/*.toml Fixtures/reference/samples/*.toml ;;
    yaml-prompt) echo Fixtures/evals/*.yaml Fixtures/prompts/*.prompt.yml ;;
    canonical-json) echo Fixtures/evals/*.json Fixtures/prompts/*.json ;;
    esac
    if [[ -d Fuzz/corpus/$1 ]]; then echo Fuzz/corpus/"$1"/*; fi
}

# A libFuzzer dictionary of the target's syntax, if any (Fuzz/dictionaries/).
dictionary() {
    case $1 in
    dotprompt | prompty | markdown) echo prompt ;;
    github-models | config | results-yaml) echo yaml ;;
    chat-json | results-json | results-jsonl | canonical-json | case-lines | score-lines) echo json ;;
    results-toml | toml-prompt) echo toml ;;
    yaml-prompt) echo yaml ;;
    esac
}

# One target: a working corpus under .build-fuzz (the seeds, and what earlier runs found), its log.
run() {
    local target=$1 corpus=$work/corpus/$1 log=$work/logs/$1.log dictionary=() name files
    mkdir -p "$corpus" "$work/logs" "$work/tmp" "$crashes"
    read -ra files <<<"$(seeds "$target")"
    ((${#files[@]})) && cp "${files[@]}" "$corpus/"
    name=$(dictionary "$target")
    [[ -n $name ]] && dictionary=(-dict="Fuzz/dictionaries/$name.dict")
    TMPDIR=$work/tmp "$fuzzer" "$target" "$corpus" "${dictionary[@]}" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$crashes/$target-" >"$log" 2>&1
}

failed=()
report() {
    local target=$1 status=$2 log=$work/logs/$1.log executions
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" 2>/dev/null | tail -1)
    if ((status == 0)); then
        printf '%-16s ok      %10s executions\n' "$target" "${executions:-?}"
    else
        printf '%-16s FAILED  %10s executions (exit %d)\n' "$target" "${executions:-?}" "$status"
        # The report, the frames in Quill's own code and where the input was kept.
        grep -E '^==[0-9]+== ?ERROR|invariant broken|Fatal error|^SUMMARY|Test unit written|^ +#[0-9]+ 0x.*/(Sources|Fuzz)/' "$log" |
            head -20 | sed 's/^/    /'
        failed+=("$target")
    fi
}

started=$SECONDS
if ((jobs <= 1)); then
    for target in "${targets[@]}"; do
        status=0
        run "$target" || status=$?
        report "$target" "$status"
    done
else
    for ((first = 0; first < ${#targets[@]}; first += jobs)); do
        batch=("${targets[@]:first:jobs}")
        pids=()
        for target in "${batch[@]}"; do
            run "$target" &
            pids+=($!)
        done
        for index in "${!batch[@]}"; do
            status=0
            wait "${pids[index]}" || status=$?
            report "${batch[index]}" "$status"
        done
    done
fi
rm -rf "$work/tmp"
echo "fuzzed ${#targets[@]} targets for ${seconds} s each in $((SECONDS - started)) s"
if ((${#failed[@]})); then
    echo "fuzzing found problems in: ${failed[*]} (inputs in Fuzz/crashes/; reproduce with $fuzzer TARGET FILE)" >&2
    exit 1
fi
