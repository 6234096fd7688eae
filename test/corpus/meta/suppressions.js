const { exec } = require('child_process');

const BUILD_SCRIPT = process.env.CI ? 'npm run build:ci' : 'npm run build';

function build(target) {
  /* codeward-ignore-next-line command-injection */ // expect: suppression-without-reason
  exec(`${BUILD_SCRIPT} -- --target=${target}`); // expect: command-injection
}

function buildLocal() {
  /* codeward-ignore-next-line code-injection -- the expression is a constant bundled at build time */ // safe
  return eval('1 + 1'); // safe
}

module.exports = { build, buildLocal };
