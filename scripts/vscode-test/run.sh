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

# shellcheck source=wrapper.sh
source "$(dirname "${BASH_SOURCE[0]}")/wrapper.sh"
wrapper_begin integration 1500 playwright-core @vscode/test-electron mocha -- "$@"

step "building the extension (npm run build)"
npm run --silent build

step "compiling the integration tests (tsconfig.integration.json -> out/)"
rm -rf out/test/integration
node node_modules/typescript/bin/tsc -p tsconfig.integration.json

wrapper_run "running the suites in VS Code" node out/test/integration/runTest.js
