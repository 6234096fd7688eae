import { zipSlip } from '../../../src/core/rules/zip-slip';
import { testRule } from '../../helpers/rule-tester';

testRule(zipSlip, {
  valid: [
    // adm-zip's own extraction sanitises entry paths (since 0.4.11).
    "import AdmZip from 'adm-zip';\nexport function unpack(file: string, dest: string) {\n  const zip = new AdmZip(file);\n  zip.extractAllTo(dest, true);\n}",
    // Containment check before writing.
    [
      "const AdmZip = require('adm-zip');",
      "const path = require('path');",
      "const fs = require('fs');",
      'function extract(buffer, dest) {',
      '  const zip = new AdmZip(buffer);',
      '  for (const entry of zip.getEntries()) {',
      '    const target = path.resolve(dest, entry.entryName);',
      '    if (!target.startsWith(path.resolve(dest) + path.sep)) throw new Error(`Blocked entry ${entry.entryName}`);',
      '    fs.writeFileSync(target, entry.getData());',
      '  }',
      '}',
    ].join('\n'),
    // Only the base name is kept.
    "import AdmZip from 'adm-zip';\nimport fs from 'node:fs';\nimport path from 'node:path';\nnew AdmZip(upload).getEntries().forEach((entry) => {\n  fs.writeFileSync(path.join(UPLOAD_DIR, path.basename(entry.entryName)), entry.getData());\n});",
    // unzipper.Extract checks paths itself.
    "import unzipper from 'unzipper';\nfs.createReadStream(archive).pipe(unzipper.Extract({ path: outputDir }));",
    // node-tar's extract strips `..` and absolute paths by default.
    "import * as tar from 'tar';\nawait tar.x({ file: tarball, cwd: dest });",
    // `..` rejected in the entry name.
    [
      "import unzipper from 'unzipper';",
      "stream.pipe(unzipper.Parse()).on('entry', (entry) => {",
      "  if (entry.path.includes('..')) return entry.autodrain();",
      '  entry.pipe(fs.createWriteStream(path.join(dest, entry.path)));',
      '});',
    ].join('\n'),
    // path.relative containment check for tar-stream.
    [
      "import tar from 'tar-stream';",
      'const extract = tar.extract();',
      "extract.on('entry', (header, stream, next) => {",
      '  const out = path.join(root, header.name);',
      "  if (path.relative(root, out).startsWith('..')) { stream.resume(); return next(); }",
      "  stream.pipe(fs.createWriteStream(out)).on('finish', next);",
      '});',
    ].join('\n'),
    // Entry names only listed, not written.
    "import JSZip from 'jszip';\nconst zip = await JSZip.loadAsync(data);\nconsole.log(Object.keys(zip.files).join('\\n'));",
    // No archive library: an upload's name is path-traversal's concern, not zip slip.
    "app.post('/upload', upload.single('file'), (req, res) => {\n  fs.writeFileSync(path.join(dir, req.file.path), 'x');\n});",
    // A helper that keeps the path inside.
    "import AdmZip from 'adm-zip';\nfor (const entry of new AdmZip(file).getEntries()) {\n  fs.writeFileSync(safeJoin(outDir, entry.entryName), entry.getData());\n}",
  ],
  invalid: [
    {
      code: [
        "import AdmZip from 'adm-zip';",
        "import fs from 'node:fs';",
        "import path from 'node:path';",
        '',
        'export function extractUpload(buffer: Buffer, dest: string) {',
        '  const zip = new AdmZip(buffer);',
        '  for (const entry of zip.getEntries()) {',
        '    const outPath = path.join(dest, entry.entryName);',
        '    fs.mkdirSync(path.dirname(outPath), { recursive: true });',
        '    fs.writeFileSync(outPath, entry.getData());',
        '  }',
        '}',
      ].join('\n'),
      errors: [
        {
          line: 10,
          column: 5,
          endColumn: 47,
          confidence: 'high',
          message: /adm-zip entry name `entry\.entryName` without checking where it resolves/,
          fixes: [
            {
              safety: 'safe',
              title: /Skip entries whose path resolves outside the target folder/,
              output: [
                "import AdmZip from 'adm-zip';",
                "import fs from 'node:fs';",
                "import path from 'node:path';",
                '',
                'export function extractUpload(buffer: Buffer, dest: string) {',
                '  const zip = new AdmZip(buffer);',
                '  for (const entry of zip.getEntries()) {',
                '    const outPath = path.join(dest, entry.entryName);',
                '    if (!path.resolve(outPath).startsWith(path.resolve(dest) + path.sep)) continue;',
                '    fs.mkdirSync(path.dirname(outPath), { recursive: true });',
                '    fs.writeFileSync(outPath, entry.getData());',
                '  }',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      // forEach callback: the fix returns from the callback.
      code: [
        "const AdmZip = require('adm-zip');",
        "const fs = require('fs');",
        "const path = require('path');",
        'const zip = new AdmZip(req.file.buffer);',
        'zip.getEntries().forEach((entry) => {',
        '  if (!entry.isDirectory) {',
        "    fs.writeFileSync(path.join(__dirname, 'uploads', entry.entryName), entry.getData());",
        '  }',
        '});',
      ].join('\n'),
      errors: [
        {
          line: 7,
          column: 5,
          confidence: 'high',
          fixes: [
            {
              safety: 'safe',
              output: [
                "const AdmZip = require('adm-zip');",
                "const fs = require('fs');",
                "const path = require('path');",
                'const zip = new AdmZip(req.file.buffer);',
                'zip.getEntries().forEach((entry) => {',
                '  if (!entry.isDirectory) {',
                "    if (!path.resolve(path.join(__dirname, 'uploads', entry.entryName)).startsWith(path.resolve(__dirname, 'uploads') + path.sep)) return;",
                "    fs.writeFileSync(path.join(__dirname, 'uploads', entry.entryName), entry.getData());",
                '  }',
                '});',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      // unzipper.Parse streams: no automatic fix (a skipped entry must be drained).
      code: [
        "const unzipper = require('unzipper');",
        "const fs = require('fs');",
        "const path = require('path');",
        'fs.createReadStream(zipPath)',
        '  .pipe(unzipper.Parse())',
        "  .on('entry', (entry) => {",
        '    const fileName = entry.path;',
        "    if (entry.type === 'Directory') return entry.autodrain();",
        '    entry.pipe(fs.createWriteStream(path.join(outputDir, fileName)));',
        '  });',
      ].join('\n'),
      errors: [{ line: 9, column: 16, confidence: 'high', message: /unzipper entry name `entry\.path`/ }],
    },
    {
      code: [
        "import tar from 'tar-stream';",
        "import { createWriteStream } from 'node:fs';",
        "import { join } from 'node:path';",
        'const extract = tar.extract();',
        "extract.on('entry', (header, stream, next) => {",
        "  stream.pipe(createWriteStream(join(target, header.name))).on('finish', next);",
        '});',
      ].join('\n'),
      errors: [{ line: 6, column: 15, confidence: 'high', message: /tar-stream entry name `header\.name`/ }],
    },
    {
      // JSZip: names are partly cleaned by the library (3.8+), so medium.
      code: [
        "import JSZip from 'jszip';",
        "import { promises as fsp } from 'fs';",
        "import path from 'path';",
        'export async function unzip(data: Buffer, outDir: string) {',
        '  const zip = await JSZip.loadAsync(data);',
        '  for (const [name, file] of Object.entries(zip.files)) {',
        '    if (file.dir) continue;',
        "    await fsp.writeFile(path.resolve(outDir, name), await file.async('nodebuffer'));",
        '  }',
        '}',
      ].join('\n'),
      errors: [
        {
          line: 8,
          column: 11,
          confidence: 'medium',
          message: /JSZip entry name `name`/,
          fixes: [
            {
              safety: 'safe',
              output: [
                "import JSZip from 'jszip';",
                "import { promises as fsp } from 'fs';",
                "import path from 'path';",
                'export async function unzip(data: Buffer, outDir: string) {',
                '  const zip = await JSZip.loadAsync(data);',
                '  for (const [name, file] of Object.entries(zip.files)) {',
                '    if (file.dir) continue;',
                '    if (!path.resolve(path.resolve(outDir, name)).startsWith(path.resolve(outDir) + path.sep)) continue;',
                "    await fsp.writeFile(path.resolve(outDir, name), await file.async('nodebuffer'));",
                '  }',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      // JSZip's forEach with the relative path.
      code: [
        "const JSZip = require('jszip');",
        "const fs = require('fs-extra');",
        'const zip = await JSZip.loadAsync(buffer);',
        'zip.forEach(async (relativePath, file) => {',
        "  if (!file.dir) await fs.outputFile(`${dest}/${relativePath}`, await file.async('nodebuffer'));",
        '});',
      ].join('\n'),
      errors: [{ line: 5, column: 24, confidence: 'medium', message: /`relativePath`/ }],
    },
    {
      // The unsafe original name JSZip keeps.
      code: "import JSZip from 'jszip';\nObject.values(zip.files).forEach((file) => {\n  fs.writeFileSync(path.join(out, file.unsafeOriginalName), '');\n});",
      errors: [
        {
          line: 3,
          column: 3,
          confidence: 'high',
          fixes: [
            {
              safety: 'safe',
              output: "import JSZip from 'jszip';\nObject.values(zip.files).forEach((file) => {\n  if (!path.resolve(path.join(out, file.unsafeOriginalName)).startsWith(path.resolve(out) + path.sep)) return;\n  fs.writeFileSync(path.join(out, file.unsafeOriginalName), '');\n});",
            },
          ],
        },
      ],
    },
    {
      // node-stream-zip entries.
      code: [
        "import StreamZip from 'node-stream-zip';",
        "import fs from 'node:fs/promises';",
        "import path from 'node:path';",
        'const zip = new StreamZip.async({ file: archive });',
        'for (const entry of Object.values(await zip.entries())) {',
        '  if (entry.isDirectory) continue;',
        '  const data = await zip.entryData(entry.name);',
        '  await fs.writeFile(path.join(dest, entry.name), data);',
        '}',
      ].join('\n'),
      errors: [
        {
          line: 8,
          column: 9,
          confidence: 'high',
          fixes: [
            {
              safety: 'safe',
              output: [
                "import StreamZip from 'node-stream-zip';",
                "import fs from 'node:fs/promises';",
                "import path from 'node:path';",
                'const zip = new StreamZip.async({ file: archive });',
                'for (const entry of Object.values(await zip.entries())) {',
                '  if (entry.isDirectory) continue;',
                '  const data = await zip.entryData(entry.name);',
                '  if (!path.resolve(path.join(dest, entry.name)).startsWith(path.resolve(dest) + path.sep)) continue;',
                '  await fs.writeFile(path.join(dest, entry.name), data);',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
  ],
});
