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

# shellcheck source=wrapper.sh
source "$(dirname "${BASH_SOURCE[0]}")/wrapper.sh"
wrapper_begin packaged 900 playwright-core @vscode/vsce/package.json esbuild -- "$@"

step "packaging (npm run package -> dist/codeward.vsix)"
rm -f dist/codeward.vsix
npm run --silent package
[[ -f dist/codeward.vsix ]] || { step "error: npm run package did not write dist/codeward.vsix"; exit 1; }

wrapper_run "installing the .vsix and checking it in the workbench (screenshots in test-output/packaged/)" node scripts/vscode-test/packaged-test.js
