// Runs the official SARIF validator (@microsoft/sarif-multitool) offline and returns its complaints.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The platform binary directly: the package's bin.js goes through a shell, which mangles `;` in arguments. */
function validatorBinary(): string {
  return join(dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'Sarif.Multitool');
}

export interface ValidationResult {
  errors: string[];
  warnings: string[];
  completed: boolean;
}

export function validateSarif(log: unknown): ValidationResult {
  const dir = mkdtempSync(join(tmpdir(), 'codeward-sarif-'));
  try {
    const input = join(dir, 'report.sarif');
    writeFileSync(input, JSON.stringify(log, null, 2));
    const run = spawnSync(validatorBinary(), ['validate', input, '-o', join(dir, 'validation.sarif'), '--log', 'ForceOverwrite'], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    });
    const output = `${run.stdout}\n${run.stderr}`;
    // The validator exits 0 even for invalid files: its verdict is in the printed lines.
    const lines = output.split('\n');
    return {
      errors: lines.filter((line) => line.includes(': error ')),
      warnings: lines.filter((line) => line.includes(': warning ')),
      completed: output.includes('Analysis completed successfully'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
