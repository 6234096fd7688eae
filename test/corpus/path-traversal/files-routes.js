const express = require('express');
const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');
const multer = require('multer');

const router = express.Router();
const UPLOAD_DIR = path.join(__dirname, '..', 'uploads');
const PUBLIC_DIR = path.join(__dirname, '..', 'public');
const upload = multer({ dest: UPLOAD_DIR });

router.get('/files/:name', (req, res) => {
  const filePath = path.join(UPLOAD_DIR, req.params.name);
  fs.readFile(filePath, (err, data) => { // expect: path-traversal
    if (err) return res.status(404).end();
    res.send(data);
  });
});

router.get('/download', (req, res) => {
  res.download(path.join(UPLOAD_DIR, req.query.file)); // expect: path-traversal
});

router.get('/public/:file', (req, res) => {
  res.sendFile(path.join(PUBLIC_DIR, path.basename(req.params.file))); // safe
});

router.get('/static', (req, res) => {
  res.sendFile(req.query.file, { root: PUBLIC_DIR }); // safe
});

router.get('/docs', async (req, res) => {
  const requested = path.resolve(PUBLIC_DIR, 'docs', String(req.query.name));
  if (!requested.startsWith(PUBLIC_DIR + path.sep)) return res.status(403).end();
  res.type('text/markdown').send(await fsp.readFile(requested, 'utf8')); // safe
});

router.delete('/files/:name', async (req, res) => {
  await fsp.unlink(`${UPLOAD_DIR}/${req.params.name}`); // expect: path-traversal
  res.status(204).end();
});

router.post('/upload', upload.single('file'), async (req, res) => {
  const content = await fsp.readFile(req.file.path); // safe
  res.json({ size: content.length, name: req.file.originalname });
});

router.post('/notes', async (req, res) => {
  const notePath = path.join(__dirname, 'notes', `${req.body.title}.md`);
  await fsp.writeFile(notePath, req.body.content); // expect: path-traversal
  res.status(201).end();
});

router.get('/avatar/:userId', (req, res) => {
  const id = parseInt(req.params.userId, 10);
  res.sendFile(path.join(UPLOAD_DIR, 'avatars', `${id}.png`)); // safe
});

router.get('/logs', (req, res) => {
  fs.createReadStream(path.join('/var/log/app', req.query.name)).pipe(res); // expect: path-traversal
});

module.exports = router;
