#!/usr/bin/env bash
# Two different definitions of one name (say two `struct EvidenceFile` in one
# namespace) compile silently and crash at run time: the linker keeps one
# type's inline functions for both. GCC sees the clash only when it links
# with link-time optimisation, so this builds the server and the unit tests
# once more with -flto and -Werror=odr (at -O0: only the check matters, not
# the code) in build-odr/. Fails, naming both definitions, on a clash.
# Usage: scripts/check-odr.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-build-odr}"
if [ ! -f "$dir/build.ninja" ]; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON \
    "-DCMAKE_CXX_FLAGS=-O0 -g0 -Wodr -Werror=odr" "-DCMAKE_EXE_LINKER_FLAGS=-Wodr -Werror=odr" >/dev/null 2>&1
fi
echo "check-odr: building meihao and unit_tests with LTO in $dir (minutes the first time, ccache after)"
if cmake --build "$dir" --target meihao unit_tests >"$dir/odr.log" 2>&1; then
  echo "check-odr: no type or function defined two ways (LTO, -Werror=odr)"
  exit 0
fi
grep -E -B2 -A4 "One Definition Rule|error" "$dir/odr.log" | awk 'length($0) < 400' | head -80 >&2
echo "check-odr: the build failed (a name defined two ways, ODR, or another error above) / 同名定义冲突或编译错误，见上；全文 $dir/odr.log" >&2
exit 1
