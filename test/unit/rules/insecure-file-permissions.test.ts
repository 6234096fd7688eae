import { insecureFilePermissions } from '../../../src/core/rules/insecure-file-permissions';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const APPLIED = /^Mode 0o\d+ makes this path writable by every user on the machine/;
const UMASKED = /^Mode 0o\d+ asks for a path every user can write; unless the process umask strips it/;
const TIGHTEN = /^Use 0o\d+ \(review: the group and other users can no longer write to it\)$/;

const uploads = lines(
  "import fs from 'fs';",
  "import path from 'path';",
  '',
  "const UPLOAD_DIR = path.join(__dirname, 'uploads');",
  'if (!fs.existsSync(UPLOAD_DIR)) {',
  '  fs.mkdirSync(UPLOAD_DIR, { recursive: true });',
  '  fs.chmodSync(UPLOAD_DIR, 0o777);',
  '}',
);
const stringMode = lines(
  "const fs = require('fs/promises');",
  'async function saveReport(file, contents) {',
  "  await fs.writeFile(file, contents, 'utf8');",
  "  await fs.chmod(file, '666');",
  '}',
);
const mkdirMode = lines(
  "import { mkdirSync } from 'node:fs';",
  'export function ensureCacheDir(dir: string) {',
  '  mkdirSync(dir, { recursive: true, mode: 0o777 });',
  '}',
);
const decimal = "const fs = require('fs');\nfs.chmod(socketPath, 511, (err) => { if (err) throw err; });";
const umask = lines(
  "import express from 'express';",
  'process.umask(0);',
  'const app = express();',
);

testRule(insecureFilePermissions, {
  valid: [
    // A test that checks unsafe directories are rejected.
    { code: "import fs from 'fs';\nfs.mkdirSync(base, { mode: 0o777 });\nfs.chmodSync(base, 0o777);\nexpect(() => stage(base)).toThrow(/unsafe/);", filename: 'test/stage.test.js' },
    // Owner-only and owner-writable modes.
    "import fs from 'fs';\nfs.chmodSync('./bin/start.sh', 0o755);\nfs.writeFileSync(keyPath, privateKey, { mode: 0o600 });\nfs.mkdirSync(dir, { recursive: true, mode: 0o750 });",
    // /tmp-style shared directory with the sticky bit.
    "import fs from 'fs';\nfs.mkdirSync('/srv/shared', { mode: 0o1777 });\nfs.chmodSync('/srv/shared', 0o1777);",
    // An encoding string, not a mode; copyFile's third argument is a copy flag.
    "import fs from 'fs';\nfs.writeFileSync(out, JSON.stringify(data), 'utf8');\nfs.copyFileSync(src, dest, fs.constants.COPYFILE_EXCL);\nfs.openSync(file, 'w');",
    // Mode from configuration: unknown.
    "import fs from 'fs';\nfs.chmodSync(target, Number(process.env.FILE_MODE));",
    // The usual umask and reading the umask.
    'process.umask(0o022);\nconst current = process.umask();',
    // Shell chmod that only adds execute, or restricts.
    "import { execSync } from 'child_process';\nexecSync('chmod +x ./scripts/deploy.sh');\nexecSync(`chmod 600 ${keyFile}`);\nexecSync('chmod -R u+rwX,go-w ./dist');",
    // shelljs making a script executable.
    "import shell from 'shelljs';\nshell.chmod('u+x', 'bin/cli.js');\nshell.chmod(755, 'bin/cli.js');",
    // A local chmod helper unrelated to fs.
    'function chmod(user: User, mode: number) { return { ...user, mode }; }\nchmod(admin, 0o777);',
    // Group-writable but not world-writable.
    "import fs from 'fs';\nfs.chmodSync(sharedLog, 0o664);\nfs.mkdirSync(teamDir, { mode: 0o775 });",
  ],
  invalid: [
    {
      code: uploads,
      errors: [{
        line: 7, column: 28, endColumn: 33, confidence: 'high', message: APPLIED,
        fixes: [{ safety: 'review', title: TIGHTEN, output: uploads.replace('0o777', '0o755') }],
      }],
    },
    {
      code: stringMode,
      filename: 'report.js',
      errors: [{
        line: 4, column: 24, endColumn: 29, confidence: 'high', message: /^Mode 0o666 makes this path writable/,
        fixes: [{ safety: 'review', title: /^Use 0o644 /, output: stringMode.replace("'666'", "'644'") }],
      }],
    },
    {
      code: mkdirMode,
      errors: [{
        line: 3, column: 37, endColumn: 48, confidence: 'medium', message: UMASKED,
        fixes: [{ safety: 'review', title: TIGHTEN, output: mkdirMode.replace('0o777', '0o755') }],
      }],
    },
    {
      code: decimal,
      filename: 'server.js',
      errors: [{
        line: 2, column: 22, endColumn: 25, confidence: 'high', message: /^Mode 0o777 /,
        fixes: [{ safety: 'review', title: TIGHTEN, output: decimal.replace('511', '0o755') }],
      }],
    },
    {
      code: umask,
      errors: [{
        line: 2, column: 1, endColumn: 17, confidence: 'high', message: /^process\.umask\(0o000\) stops removing write access for other users/,
        fixes: [{ safety: 'review', title: /^Use umask 0o022 \(review: /, output: umask.replace('umask(0)', 'umask(0o022)') }],
      }],
    },
    {
      code: lines(
        "const { execSync } = require('child_process');",
        "app.post('/deploy', (req, res) => {",
        '  execSync(`chmod -R 777 ${DEPLOY_DIR}`);',
        '  res.sendStatus(204);',
        '});',
      ),
      filename: 'deploy.js',
      errors: [{ line: 3, column: 12, endColumn: 40, confidence: 'high', message: /^chmod 777 makes these files writable by every user/ }],
    },
    {
      code: "import { spawnSync } from 'child_process';\nspawnSync('chmod', ['-R', 'a+rwx', outputDir]);",
      errors: [{ line: 2, column: 27, endColumn: 34, confidence: 'high', message: /^chmod a\+rwx /, fixes: [] }],
    },
    {
      code: "import fs from 'fs';\nexport const writeConfig = (file: string, json: string) => fs.writeFileSync(file, json, { encoding: 'utf8', mode: 0o666 });",
      errors: [{ line: 2, column: 109, endColumn: 120, confidence: 'medium', message: UMASKED, fixes: [{ safety: 'review', title: TIGHTEN, output: "import fs from 'fs';\nexport const writeConfig = (file: string, json: string) => fs.writeFileSync(file, json, { encoding: 'utf8', mode: 0o644 });" }] }],
    },
    {
      code: "import { promises as fsp } from 'fs';\nconst SHARED_MODE = 0o776;\nexport async function share(p: string) {\n  await fsp.chmod(p, SHARED_MODE);\n}",
      errors: [{ line: 4, column: 22, endColumn: 33, confidence: 'high', message: /^Mode 0o776 /, fixes: [] }],
    },
  ],
});
