const express = require('express');
const { exec, execFile, execSync, spawn } = require('child_process');
const util = require('util');
const path = require('path');
const shellQuote = require('shell-quote');

const execAsync = util.promisify(exec);
const router = express.Router();
const BRANCHES = ['main', 'develop', 'release'];

router.post('/ping', (req, res) => {
  exec(`ping -c 4 ${req.body.host}`, (err, stdout) => { // expect: command-injection
    if (err) return res.status(500).json({ error: 'ping failed' });
    res.json({ output: stdout });
  });
});

router.post('/ping/v2', (req, res) => {
  execFile('ping', ['-c', '4', req.body.host], (err, stdout) => { // safe
    if (err) return res.status(500).json({ error: 'ping failed' });
    res.json({ output: stdout });
  });
});

router.get('/logs', async (req, res) => {
  const { stdout } = await execAsync('tail -n 100 /var/log/app/' + req.query.file); // expect: command-injection
  res.type('text/plain').send(stdout);
});

router.post('/deploy', (req, res) => {
  const { branch } = req.body;
  if (!BRANCHES.includes(branch)) return res.status(400).json({ error: 'unknown branch' });
  execSync(`git fetch origin && git checkout ${branch}`, { cwd: process.env.REPO_DIR }); // safe
  res.json({ deployed: branch });
});

router.post('/convert', (req, res) => {
  const child = spawn('ffmpeg', ['-i', req.body.input, '-vf', 'scale=320:-1', 'thumb.png'], { shell: true }); // expect: command-injection
  child.on('close', (code) => res.json({ code }));
});

router.post('/convert/v2', (req, res) => {
  const child = spawn('ffmpeg', ['-i', req.body.input, '-vf', 'scale=320:-1', 'thumb.png']); // safe
  child.on('close', (code) => res.json({ code }));
});

router.get('/grep', async (req, res) => {
  const { stdout } = await execAsync(`grep -n ${shellQuote.quote([req.query.term])} data/catalog.txt`); // safe
  res.send(stdout.split('\n').length.toString());
});

router.post('/archive', (req, res) => {
  execFile('sh', ['-c', `tar -czf /tmp/backup.tgz ${req.body.dir}`], () => res.sendStatus(202)); // expect: command-injection
});

router.get('/version', async (req, res) => {
  const { stdout } = await execAsync(`node ${path.join(__dirname, 'scripts', 'version.js')}`); // safe
  res.json({ version: stdout.trim() });
});

module.exports = router;
