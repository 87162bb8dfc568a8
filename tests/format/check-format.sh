#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what .clang-format makes of it (the tree is formatted once
# and kept so). Usage: check-format.sh <source root>
set -euo pipefail
cd "$1"
if ! command -v clang-format >/dev/null; then
    echo "clang-format is not installed (scripts/install-deps installs it)" >&2
    exit 1
fi
mapfile -t files < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find server services models views app tests bench -name '*.cpp' -o -name '*.h')
clang-format --dry-run --Werror "${files[@]}"
echo "${#files[@]} files formatted as .clang-format says"
