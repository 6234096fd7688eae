#!/usr/bin/env bash
# Editor latency benchmark in a real VS Code (code-server): activation time and keystroke-to-diagnostics on a
# 2,000-line file, with the default debounce and with none. Prints the "bench:" lines at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
CODEWARD_SUITE=bench bash scripts/vscode-test/run.sh 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo
grep '^bench:' "$log"
rm -f "$log"
exit "$status"
