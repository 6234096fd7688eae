#!/usr/bin/env bash
# Screen-level test: drives the real VS Code workbench (code-server + headless chromium) like a user,
# with Codeward loaded from this repository: Quick Open, the Problems panel, the command palette,
# Go to Next Problem and the Ctrl+. quick-fix menu. Screenshots go to test-output/screen/.
# Provisions the tools (cached in .tools/), builds the extension (npm run build), then runs
# scripts/vscode-test/screen-test.js. Exits non-zero on any failure (124 when a time limit was hit).
#
# Env:
#   CODEWARD_SCREEN_TIMEOUT        seconds for everything, provisioning included (default 900)
#   CODEWARD_SCREEN_TEST_TIMEOUT   seconds for the test in the workbench (default 180)
#   CODEWARD_VSCODE_TEST_VERBOSE=1 show code-server's and the workbench's own logs
#   CODEWARD_KEEP_TEMP=1           keep the temp folder (logs, user data) for a post-mortem
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

if [[ -z "${CODEWARD_SCREEN_UNDER_TIMEOUT:-}" ]]; then
  export CODEWARD_SCREEN_UNDER_TIMEOUT=1
  limit="${CODEWARD_SCREEN_TIMEOUT:-900}"
  set +e
  timeout --kill-after=30 "$limit" bash "${BASH_SOURCE[0]}" "$@" </dev/null
  rc=$?
  set -e
  if (( rc == 124 || rc == 137 )); then echo "[screen] timed out after ${limit} s" >&2; fi
  exit "$rc"
fi

start=$SECONDS
step() { printf '[screen +%ss] %s\n' "$((SECONDS - start))" "$*"; }

step "provisioning (Node 24, code-server, chromium)"
bash scripts/vscode-test/provision.sh

if ! node -e "require.resolve('playwright-core'); require.resolve('esbuild')" 2>/dev/null; then
  step "installing the project's npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

step "building the extension (npm run build)"
npm run --silent build

step "driving the workbench (screenshots in test-output/screen/)"
set +e
node scripts/vscode-test/screen-test.js
rc=$?
set -e
step "done: exit code $rc"
exit "$rc"
