#!/usr/bin/env bash
# expect_build.sh BUILD_DIR TARGET ok|HEADER: builds TARGET; "ok" expects success, a header
# path expects the compiler to stop because it cannot find that header.
set -uo pipefail
build_dir=$1 target=$2 expect=$3
output=$(cmake --build "$build_dir" --target "$target" 2>&1)
status=$?
if [ "$expect" = ok ]; then
  [ $status -eq 0 ] && exit 0
  echo "$output"; echo "expected $target to build"; exit 1
fi
if [ $status -ne 0 ] && grep -q "$expect: No such file or directory" <<<"$output"; then
  echo "refused as it should be: $(grep -m1 "No such file" <<<"$output")"
  exit 0
fi
echo "$output"; echo "expected $target to fail for want of $expect"; exit 1
