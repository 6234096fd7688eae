import { Router } from 'express';
import fs from 'fs';
import os from 'os';
import path from 'path';
import AdmZip from 'adm-zip';
import multer from 'multer';

export const filesRouter = Router();

const UPLOAD_DIR = path.join(__dirname, '..', '..', 'uploads');
const upload = multer({ dest: os.tmpdir(), limits: { fileSize: 50 * 1024 * 1024 } });

// The PDF export worker runs as a different user and writes into the same folder.
fs.mkdirSync(UPLOAD_DIR, { recursive: true });
fs.chmodSync(UPLOAD_DIR, 0o777);

// Download an uploaded attachment by name.
filesRouter.get('/:name', (req, res) => {
  const filePath = path.join(UPLOAD_DIR, req.params.name);
  fs.readFile(filePath, (error, data) => {
    if (error) return res.status(404).send('Not found');
    res.send(data);
  });
});

// Upload many attachments at once as a .zip; folders inside the archive are kept.
filesRouter.post('/bulk', upload.single('archive'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'Missing archive' });
  const saved: string[] = [];
  for (const entry of new AdmZip(req.file.path).getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(UPLOAD_DIR, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData());
    saved.push(entry.entryName);
  }
  fs.unlinkSync(req.file.path);
  res.json({ saved });
});
