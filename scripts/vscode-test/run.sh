#!/usr/bin/env bash
# Runs the integration tests inside a real VS Code (code-server + headless chromium):
# provisions the tools (cached in .tools/), builds the extension, compiles test/integration to out/
# and runs out/test/integration/runTest.js. Exits non-zero on any failure.
#
# Env:
#   CODEWARD_INTEGRATION_TIMEOUT   seconds for everything, provisioning included (default 1500)
#   CODEWARD_VSCODE_TEST_TIMEOUT   seconds for the test run inside VS Code (default 300)
#   CODEWARD_VSCODE_TEST_VERBOSE=1 show code-server's and the workbench's own logs
#   CODEWARD_TEST_GREP             only run tests whose title matches
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# One overall time limit. timeout(1) signals its whole process group; the launcher then stops
# code-server and chromium itself.
if [[ -z "${CODEWARD_INTEGRATION_UNDER_TIMEOUT:-}" ]]; then
  export CODEWARD_INTEGRATION_UNDER_TIMEOUT=1
  limit="${CODEWARD_INTEGRATION_TIMEOUT:-1500}"
  set +e
  timeout --kill-after=30 "$limit" bash "${BASH_SOURCE[0]}" "$@" </dev/null
  rc=$?
  set -e
  if (( rc == 124 || rc == 137 )); then echo "[integration] timed out after ${limit} s" >&2; fi
  exit "$rc"
fi

start=$SECONDS
step() { printf '[integration +%ss] %s\n' "$((SECONDS - start))" "$*"; }

step "provisioning (Node 24, code-server, chromium)"
bash scripts/vscode-test/provision.sh

if ! node -e "require.resolve('playwright-core'); require.resolve('@vscode/test-electron'); require.resolve('mocha')" 2>/dev/null; then
  step "installing the project's npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

step "building the extension (npm run build)"
npm run --silent build

step "compiling the integration tests (tsconfig.integration.json -> out/)"
rm -rf out/test/integration
node node_modules/typescript/bin/tsc -p tsconfig.integration.json

step "running the suites in VS Code"
set +e
node out/test/integration/runTest.js
rc=$?
set -e
step "done: exit code $rc"
exit "$rc"
