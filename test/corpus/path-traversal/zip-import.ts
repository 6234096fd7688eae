import AdmZip from 'adm-zip';
import unzipper from 'unzipper';
import * as tar from 'tar';
import fs from 'node:fs';
import path from 'node:path';

const EXTRACT_ROOT = path.resolve('/srv/imports');

export function extractTheme(zipFile: string, dest: string): void {
  const zip = new AdmZip(zipFile);
  for (const entry of zip.getEntries()) {
    const target = path.join(dest, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData()); // expect: zip-slip
  }
}

export function extractThemeSafely(zipFile: string, dest: string): void {
  const root = path.resolve(dest);
  const zip = new AdmZip(zipFile);
  for (const entry of zip.getEntries()) {
    const target = path.resolve(root, entry.entryName);
    if (!target.startsWith(root + path.sep)) throw new Error(`Blocked entry ${entry.entryName}`);
    fs.writeFileSync(target, entry.getData()); // safe
  }
}

export async function extractUpload(archive: string): Promise<void> {
  await fs
    .createReadStream(archive)
    .pipe(unzipper.Parse())
    .on('entry', (entry: unzipper.Entry) => {
      entry.pipe(fs.createWriteStream(path.join(EXTRACT_ROOT, entry.path))); // expect: zip-slip
    })
    .promise();
}

export async function extractTarball(file: string): Promise<void> {
  await tar.x({ file, cwd: EXTRACT_ROOT }); // safe
}

export function extractFlat(zipFile: string): void {
  const zip = new AdmZip(zipFile);
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    fs.writeFileSync(path.join(EXTRACT_ROOT, path.basename(entry.entryName)), entry.getData()); // safe
  }
}
