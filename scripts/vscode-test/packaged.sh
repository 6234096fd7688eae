#!/usr/bin/env bash
# Packaged-extension test: builds dist/codeward.vsix (npm run package), installs it into a fresh
# extensions folder with code-server's --install-extension, checks --list-extensions --show-versions,
# and proves in the real workbench that the INSTALLED extension activates and publishes a diagnostic.
# Prints the sizes of dist/codeward.vsix and dist/extension.js. Screenshots go to test-output/packaged/.
# Provisions the tools first (cached in .tools/). Exits non-zero on any failure (124 on a time limit).
#
# Env:
#   CODEWARD_PACKAGED_TIMEOUT       seconds for everything, provisioning included (default 900)
#   CODEWARD_PACKAGED_TEST_TIMEOUT  seconds for install + workbench (default 180)
#   CODEWARD_VSCODE_TEST_VERBOSE=1  show code-server's and the workbench's own logs
#   CODEWARD_KEEP_TEMP=1            keep the temp folder (logs, extensions dir) for a post-mortem
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

if [[ -z "${CODEWARD_PACKAGED_UNDER_TIMEOUT:-}" ]]; then
  export CODEWARD_PACKAGED_UNDER_TIMEOUT=1
  limit="${CODEWARD_PACKAGED_TIMEOUT:-900}"
  set +e
  timeout --kill-after=30 "$limit" bash "${BASH_SOURCE[0]}" "$@" </dev/null
  rc=$?
  set -e
  if (( rc == 124 || rc == 137 )); then echo "[packaged] timed out after ${limit} s" >&2; fi
  exit "$rc"
fi

start=$SECONDS
step() { printf '[packaged +%ss] %s\n' "$((SECONDS - start))" "$*"; }

step "provisioning (Node 24, code-server, chromium)"
bash scripts/vscode-test/provision.sh

if ! node -e "require.resolve('playwright-core'); require.resolve('@vscode/vsce/package.json'); require.resolve('esbuild')" 2>/dev/null; then
  step "installing the project's npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

step "packaging (npm run package -> dist/codeward.vsix)"
rm -f dist/codeward.vsix
npm run --silent package
[[ -f dist/codeward.vsix ]] || { step "error: npm run package did not write dist/codeward.vsix"; exit 1; }

step "installing the .vsix and checking it in the workbench (screenshots in test-output/packaged/)"
set +e
node scripts/vscode-test/packaged-test.js
rc=$?
set -e
step "done: exit code $rc"
exit "$rc"
