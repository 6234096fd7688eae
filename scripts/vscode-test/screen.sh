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

# shellcheck source=wrapper.sh
source "$(dirname "${BASH_SOURCE[0]}")/wrapper.sh"
wrapper_begin screen 900 playwright-core esbuild -- "$@"

step "building the extension (npm run build)"
npm run --silent build

wrapper_run "driving the workbench (screenshots in test-output/screen/)" node scripts/vscode-test/screen-test.js
