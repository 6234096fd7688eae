// Runs the CLI in-process and captures what it prints.
import { run } from '../../src/cli/main';
import type { JsonReport } from '../../src/core/report/json';

export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

export async function json(args: string[]): Promise<JsonReport> {
  return JSON.parse((await cli([...args, '--format', 'json'])).stdout) as JsonReport;
}
