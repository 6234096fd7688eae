# Sourced by run.sh, screen.sh and packaged.sh, which differ only in what they build and run:
# one overall time limit, provisioning, the project's npm dependencies, and the test's exit code.
# Not a script of its own.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WRAPPER_SCRIPT="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)/$(basename "${BASH_SOURCE[1]}")"
cd "$ROOT"

# wrapper_begin <label> <default limit s> <module to resolve>... -- "$@"
# The label names the step prefix and the knobs CODEWARD_<LABEL>_TIMEOUT (seconds for everything,
# provisioning included) and CODEWARD_<LABEL>_UNDER_TIMEOUT (set inside the limit). The modules are
# the npm dependencies the test needs; missing ones mean `npm ci`.
wrapper_begin() {
  WRAPPER_LABEL=$1
  local default_limit=$2 upper=${1^^} modules=()
  shift 2
  while (( $# )) && [[ $1 != -- ]]; do modules+=("$1"); shift; done
  shift
  local guard="CODEWARD_${upper}_UNDER_TIMEOUT" limit_var="CODEWARD_${upper}_TIMEOUT"

  # timeout(1) signals its whole process group; the node scripts then stop code-server and chromium
  # themselves.
  if [[ -z "${!guard:-}" ]]; then
    export "$guard=1"
    local limit="${!limit_var:-$default_limit}" rc
    set +e
    timeout --kill-after=30 "$limit" bash "$WRAPPER_SCRIPT" "$@" </dev/null
    rc=$?
    set -e
    if (( rc == 124 || rc == 137 )); then echo "[$WRAPPER_LABEL] timed out after ${limit} s" >&2; fi
    exit "$rc"
  fi

  WRAPPER_START=$SECONDS
  step "provisioning (Node 24, code-server, chromium)"
  bash scripts/vscode-test/provision.sh

  if ! node -e "$(printf "require.resolve('%s'); " "${modules[@]}")" 2>/dev/null; then
    step "installing the project's npm dependencies (npm ci)"
    npm ci --no-audit --no-fund
  fi
}

step() { printf '[%s +%ss] %s\n' "$WRAPPER_LABEL" "$((SECONDS - WRAPPER_START))" "$*"; }

# wrapper_run <step message> <command>...: runs the test and exits with its exit code.
wrapper_run() {
  step "$1"
  shift
  local rc
  set +e
  "$@"
  rc=$?
  set -e
  step "done: exit code $rc"
  exit "$rc"
}
