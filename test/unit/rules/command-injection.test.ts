import { commandInjection } from '../../../src/core/rules/command-injection';
import { testRule } from '../../helpers/rule-tester';

testRule(commandInjection, {
  valid: [
    // No shell: the argument is one argv entry (argument injection into git is out of scope).
    `import { execFile } from 'child_process';
app.get('/log', (req, res) => {
  execFile('git', ['log', '--oneline', req.query.ref], (err, out) => res.send(out));
});`,
    `import { spawn } from 'node:child_process';
app.post('/thumb', (req, res) => {
  const child = spawn('ffmpeg', ['-i', req.body.input, '-vf', 'scale=200:-1', 'thumb.png']);
  child.on('close', () => res.sendStatus(201));
});`,
    // Constant commands and program locations.
    `import { promisify } from 'util';
import { exec } from 'child_process';
const execAsync = promisify(exec);
export async function build() {
  await execAsync('npm run build');
  await execAsync(\`node \${path.join(__dirname, 'scripts', 'generate.js')}\`);
  await execAsync(\`docker push \${process.env.IMAGE_TAG}\`);
}`,
    // A wrapper passing its parameter through is not reported; its callers are.
    `const { exec } = require('child_process');
function run(command) {
  return new Promise((resolve, reject) => exec(command, (err, out) => (err ? reject(err) : resolve(out))));
}`,
    // Checked against an allowlist before use.
    `const { execSync } = require('child_process');
const BRANCHES = ['main', 'develop'];
app.post('/checkout', (req, res) => {
  const { branch } = req.body;
  if (!BRANCHES.includes(branch)) return res.status(400).send('unknown branch');
  execSync(\`git checkout \${branch}\`);
  res.sendStatus(204);
});`,
    // Numbers cannot carry shell syntax.
    `import { execSync } from 'child_process';
export function freePort(port: number) {
  execSync(\`lsof -ti tcp:\${port} | xargs kill -9\`);
}
app.post('/restart', (req, res) => {
  execSync(\`systemctl restart worker@\${parseInt(req.body.id, 10)}\`);
  res.end();
});`,
    // Quoted with shell-quote.
    `import { exec } from 'child_process';
import { quote } from 'shell-quote';
app.get('/grep', (req, res) => {
  exec(\`grep -n \${quote([req.query.term])} data.txt\`, (err, out) => res.send(out));
});`,
    // Not child_process: SQL exec, RegExp exec, execa without a shell, zx-style tagged templates.
    `import { execa } from 'execa';
app.post('/install', async (req, res) => {
  db.exec(\`DELETE FROM jobs WHERE id = \${req.body.id}\`);
  const match = /^v(\\d+)/.exec(req.body.version);
  await execa('npm', ['install', req.body.pkg]);
  await $\`git clone \${req.body.repo}\`;
  res.json({ match });
});`,
    // Table of fixed commands indexed by input.
    `const { exec } = require('child_process');
const COMMANDS = { status: 'git status', log: 'git log -5' };
app.get('/git/:action', (req, res) => {
  exec(COMMANDS[req.params.action] ?? 'git status', (err, out) => res.send(out));
});`,
    // A CLI shim forwarding its own arguments; paths read from the package's own manifest.
    `#!/usr/bin/env node
const { status } = require('child_process').spawnSync(require('./binary-path'), process.argv.slice(2), { shell: true, stdio: 'inherit' });
process.exit(status);`,
    `const { exec } = require('child_process');
const pkg = require('../package.json');
const cli = path.resolve(__dirname, '..', pkg.bin);
exec(\`\${cli} --version\`, (err, out) => console.log(out));`,
    `const { spawn } = require('child_process');
spawn('bash', ['-c', 'npm test && npm run lint'], { stdio: 'inherit' });`,
    // shell: true with constant command and arguments.
    `const { spawnSync } = require('child_process');
spawnSync('npm', ['run', 'build'], { shell: true, stdio: 'inherit' });`,
  ],
  invalid: [
    {
      code: `const { exec } = require('child_process');
app.post('/ping', (req, res) => {
  exec(\`ping -c 4 \${req.body.host}\`, (err, stdout) => res.send(stdout));
});`,
      errors: [{ line: 3, column: 8, endColumn: 36, confidence: 'high', message: /^child_process\.exec\(\) runs a shell command built from user input; shell syntax/ }],
    },
    {
      code: `const util = require('util');
const exec = util.promisify(require('child_process').exec);
app.post('/convert', async (req, res) => {
  const { filename } = req.body;
  const cmd = \`convert uploads/\${filename} -resize 200x200 thumbs/\${filename}\`;
  await exec(cmd);
  res.json({ ok: true });
});`,
      errors: [{ line: 6, column: 14, endColumn: 17, confidence: 'high', message: /^exec\(\) \(promisified child_process\.exec\)/ }],
    },
    {
      code: `import { execSync } from 'node:child_process';
export function gitLog(branch: string) {
  return execSync(\`git log --oneline \${branch}\`).toString();
}`,
      errors: [{ line: 3, column: 19, endColumn: 48, confidence: 'medium', message: /built from values that are not constants; if any of them can come from a user/ }],
    },
    {
      code: `import { exec } from 'child_process';
export async function GET(request: Request) {
  const host = new URL(request.url).searchParams.get('host');
  exec('nslookup ' + host);
  return new Response('ok');
}`,
      errors: [{ line: 4, column: 8, endColumn: 26, confidence: 'high' }],
    },
    {
      code: `import { spawn } from 'child_process';
app.post('/transcode', (req, res) => {
  const child = spawn('ffmpeg', ['-i', req.body.input, 'out.mp4'], { shell: true });
  child.on('exit', () => res.end());
});`,
      errors: [{ line: 3, column: 40, endColumn: 54, confidence: 'high', message: /^child_process\.spawn\(\) with shell: true runs a command line built from user input/ }],
    },
    {
      code: `import shell from 'shelljs';
router.post('/deploy', async (ctx) => {
  const { branch } = ctx.request.body;
  shell.exec(\`git checkout \${branch} && npm ci\`);
  ctx.status = 202;
});`,
      errors: [{ line: 4, column: 14, endColumn: 48, confidence: 'high', message: /^shelljs\.exec\(\)/ }],
    },
    {
      code: `import { execa, execaCommand } from 'execa';
app.post('/install', async (req, res) => {
  await execa('npm', ['install', req.body.pkg], { shell: true });
  await execaCommand(\`npm install \${req.body.pkg}\`);
  res.end();
});`,
      errors: [
        { line: 3, column: 34, endColumn: 46, confidence: 'high', message: /^execa\(\) with shell: true/ },
        { line: 4, column: 22, endColumn: 51, confidence: 'high', message: /^execaCommand\(\) runs a command line built from user input; whoever controls it chooses the arguments/ },
      ],
    },
    {
      code: `const { spawnSync } = require('child_process');
function runScript(name) {
  return spawnSync(\`npm run \${name}\`, { shell: true, stdio: 'inherit' });
}`,
      errors: [{ line: 3, column: 20, endColumn: 37, confidence: 'medium' }],
    },
    {
      code: `const cp = require('child_process');
const file = process.argv[2];
console.log(cp.execSync(\`wc -l \${file}\`).toString());`,
      errors: [{ line: 3, column: 25, endColumn: 40, confidence: 'medium', message: /built from command-line arguments/ }],
    },
    {
      code: `const { exec } = require('child_process');
app.get('/tool', (req, res) => {
  exec(req.query.cmd, (err, out) => res.send(out));
});`,
      errors: [{ line: 3, column: 8, endColumn: 21, confidence: 'high' }],
    },
    {
      code: `import { execFileSync } from 'child_process';
app.post('/archive', (req, res) => {
  let command = 'tar -czf backup.tgz';
  command += ' ' + req.body.dir;
  execFileSync('sh', ['-c', command]);
  execFileSync(command, { shell: '/bin/bash' });
  res.end();
});`,
      errors: [
        { line: 5, column: 29, endColumn: 36, confidence: 'high', message: /^child_process\.execFileSync\(\) runs a shell script built from user input/ },
        { line: 6, column: 16, endColumn: 23, confidence: 'high', message: /execFileSync\(\) with shell: true/ },
      ],
    },
  ],
});
