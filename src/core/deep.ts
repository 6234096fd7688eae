// Code nested deeper than the default stack allows (~600-900 levels) is analysed again on a worker thread with a
// 64 MB stack. `analyze` stays synchronous: the caller blocks on Atomics.wait until the worker answers.
import { MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import type { AnalysisResult } from './types';
import { analyze, type AnalyzeOptions } from './engine';
import { PackageContext } from './imports/packages';

const DEEP_WORKER_MARK = 'codeward-deep-worker';
const STACK_SIZE_MB = 64;
const TIMEOUT_MS = 60_000;
/** The core bundle (dist/core.js) can start itself as the worker; from TypeScript sources there is no such script. */
const CORE_BUNDLE = __filename.endsWith('.js') ? __filename : undefined;

interface DeepJob {
  mark: typeof DEEP_WORKER_MARK;
  text: string;
  filePath: string;
  /** The engine options that can cross threads (the package context cannot: the worker reads its own). */
  options: Omit<AnalyzeOptions, 'packages'>;
  /** Where the file is on disk, for the worker's package context (import checks). */
  absolutePath?: string;
  port: MessagePort;
  done: Int32Array;
}

export function isTooDeep(result: AnalysisResult): boolean {
  return result.notes.some((note) => note.kind === 'too-deep');
}

/** The analysis on a large stack, or undefined when no worker can be started or it does not answer in time. */
export function analyzeOnLargeStack(
  text: string,
  filePath: string,
  options: Omit<AnalyzeOptions, 'packages'>,
  { absolutePath, script = CORE_BUNDLE }: { absolutePath?: string; script?: string } = {},
): AnalysisResult | undefined {
  if (!script) return undefined;
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const job: DeepJob = { mark: DEEP_WORKER_MARK, text, filePath, options, absolutePath, port: port2, done };
  let worker: Worker | undefined;
  try {
    worker = new Worker(script, { workerData: job, transferList: [port2], resourceLimits: { stackSizeMb: STACK_SIZE_MB } });
    // Its errors arrive after we stopped waiting; without a listener they would crash the process.
    worker.on('error', () => undefined);
    Atomics.wait(done, 0, 0, TIMEOUT_MS);
    return receiveMessageOnPort(port1)?.message as AnalysisResult | undefined;
  } catch {
    return undefined;
  } finally {
    port1.close();
    void worker?.terminate();
  }
}

/** Inside a worker started by analyzeOnLargeStack: analyse, answer, wake the caller. */
export function serveDeepJob(): void {
  const job = workerData as DeepJob | undefined;
  if (job?.mark !== DEEP_WORKER_MARK) return;
  try {
    const packages = job.absolutePath ? new PackageContext().forFile(job.absolutePath) : undefined;
    job.port.postMessage(analyze(job.text, job.filePath, { ...job.options, packages }));
  } finally {
    Atomics.store(job.done, 0, 1);
    Atomics.notify(job.done, 0);
  }
}
