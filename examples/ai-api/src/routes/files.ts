import { Router } from 'express';
import fs from 'fs';
import path from 'path';

export const filesRouter = Router();

const UPLOAD_DIR = path.join(__dirname, '..', '..', 'uploads');

// Download an uploaded attachment by name.
filesRouter.get('/:name', (req, res) => {
  const filePath = path.join(UPLOAD_DIR, req.params.name);
  fs.readFile(filePath, (error, data) => {
    if (error) return res.status(404).send('Not found');
    res.send(data);
  });
});
