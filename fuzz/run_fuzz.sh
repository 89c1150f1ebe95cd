#!/usr/bin/env bash
# Runs one fuzz target for a bounded time over its seed corpus. New inputs go to a
# temporary directory, never into the repository. Usage: run_fuzz.sh BINARY CORPUS SECONDS
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$1" -max_total_time="$3" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$work" "$2"
