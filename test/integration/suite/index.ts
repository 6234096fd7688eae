// Runs in VS Code's extension host (loaded through --extensionTestsPath): mocha over every compiled
// *.test.js beside this file. The benchmark (test/integration/bench) reuses runMocha for its own folder.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(file);
    return entry.isFile() && entry.name.endsWith('.test.js') ? [file] : [];
  }).sort();
}

export function run(): Promise<void> {
  return runMocha(__dirname);
}

export function runMocha(dir: string): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: !process.env.CI,
    timeout: 30_000,
    grep: process.env.CODEWARD_TEST_GREP || undefined,
  });
  const files = testFiles(dir);
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js under ${dir}`));
  files.forEach((file) => mocha.addFile(file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // A closing line CI can read whatever the reporter printed.
      console.log(`integration: ${runner.stats?.passes ?? 0} passed, ${failures} failed, ${runner.stats?.pending ?? 0} skipped`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
