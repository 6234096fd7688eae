// Infers what the code handles from a workspace: secrets, personal/health/payment field names, SDKs, keys, .env files.
import type { CodewardConfig } from '../config/model';
import type { ScanReport } from '../scan';
import type { InferredScope } from './model';

export interface InferOptions {
  /** The repository configuration (its excludes and size limit shape the file selection). */
  config?: CodewardConfig;
  /** A scan of the same root: its hardcoded-secret findings count as evidence without reading files again. */
  report?: ScanReport;
}

export async function inferScope(root: string, options: InferOptions = {}): Promise<InferredScope> {
  void root;
  void options;
  throw new Error('inferScope: being implemented on branch scope');
}
