// Scans files on worker threads, one per core, so a workspace or CI scan uses the whole machine.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { AnalysisOptions, FileReport, scanFile } from './scan';
import type { SkippedPath } from './files';

const WORKER_MARK = 'codeward-scan-worker';
/** Below this many files, starting workers (each loads the parser) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 40;
/**
 * Files per message: one round trip per file leaves a worker idle while the main thread answers; a few more
 * keep it busy, and small batches still share the tail of the scan evenly between workers.
 */
const FILES_PER_BATCH = 8;

interface Batch {
  /** Index of the batch's first file in the scan's file list. */
  first: number;
  files: string[];
  root: string;
  options: AnalysisOptions;
}

interface BatchDone {
  first: number;
  results: (FileReport | SkippedPath)[];
}

export interface PoolOptions {
  /** The bundle that holds the core (dist/core.js); it serves scans when loaded as a worker. */
  workerScript: string;
  /** Defaults to one per core. */
  workers?: number;
  onFileDone?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
}

/** Results in the order of `files`; undefined when cancelled. */
export async function scanFilesInPool(
  files: readonly string[],
  root: string,
  options: AnalysisOptions,
  pool: PoolOptions,
): Promise<(FileReport | SkippedPath)[] | undefined> {
  const size = Math.max(1, Math.min(pool.workers ?? availableParallelism(), files.length));
  const results: (FileReport | SkippedPath)[] = new Array(files.length);
  let next = 0;
  let finished = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      if (files.length === 0) return resolve();
      const feed = (worker: Worker): void => {
        if (pool.isCancelled?.()) return resolve();
        if (next >= files.length) return;
        // Smaller batches near the end, so the last files do not wait behind one worker's queue.
        const batchSize = Math.max(1, Math.min(FILES_PER_BATCH, Math.ceil((files.length - next) / (size * 2))));
        const batch: Batch = { first: next, files: files.slice(next, next + batchSize), root, options };
        next += batch.files.length;
        worker.postMessage(batch);
      };
      for (let i = 0; i < size; i++) {
        const worker = new Worker(pool.workerScript, { workerData: { mark: WORKER_MARK } });
        workers.push(worker);
        worker.on('message', ({ first, results: done }: BatchDone) => {
          for (let offset = 0; offset < done.length; offset++) {
            results[first + offset] = done[offset];
            finished++;
            pool.onFileDone?.(finished, files.length);
          }
          if (finished === files.length) resolve();
          else feed(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (finished < files.length && !pool.isCancelled?.()) reject(new Error(`scan worker stopped with exit code ${code}`));
        });
        // Two batches in flight: the worker starts the second while the first result travels back.
        feed(worker);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return finished === files.length ? results : undefined;
}

/** Called when the core bundle loads: inside a pool worker it serves scan jobs. */
export function serveIfWorker(): void {
  if (isMainThread || workerData?.mark !== WORKER_MARK || !parentPort) return;
  const port = parentPort;
  port.on('message', (batch: Batch) => {
    const done: BatchDone = { first: batch.first, results: batch.files.map((file) => scanFile(file, batch.root, batch.options)) };
    port.postMessage(done);
  });
}
