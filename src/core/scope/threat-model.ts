// Threat-model sync: is the model the scope points to current, what does it count (OWASP Threat Dragon, AWS Threat
// Composer), and what did git history add since its review (entry points, outbound calls, dependencies).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, GitError } from '../git';
import { isTestFile } from '../test-files';
import type { ScopeDeclaration, ThreatCounts, ThreatModelChange, ThreatModelFormat, ThreatModelStatus } from './model';
import { DEFAULT_REVIEW_INTERVAL_DAYS } from './load';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Listing every change of a busy year helps no one; the count says how many there were. */
const CHANGE_LIMIT = 100;

export function threatModelStatus(root: string, declared: ScopeDeclaration | undefined, now: Date = new Date()): ThreatModelStatus {
  const model = declared?.threatModel;
  if (!model) {
    return { state: 'not-declared', reasons: ['The scope file names no threat model (threatModel.document).'], changesSinceReview: [] };
  }
  const status: ThreatModelStatus = {
    state: 'current',
    reasons: [],
    changesSinceReview: [],
    reviewIntervalDays: model.reviewIntervalDays,
    ...(model.document ? { document: model.document } : {}),
    ...(model.owner ? { owner: model.owner } : {}),
  };

  let lastCommitOfDocument: { commit: string; date: string } | undefined;
  if (model.document) {
    const path = join(root, model.document);
    if (!existsSync(path)) {
      status.state = 'missing';
      status.reasons.push(`The threat model ${model.document} does not exist.`);
      return status;
    }
    status.format = formatOf(model.document);
    if (status.format !== 'document') {
      const read = readCounts(path, status.format);
      if ('error' in read) {
        status.state = 'unreadable';
        status.reasons.push(`${model.document}: ${read.error}`);
      } else {
        status.counts = read.counts;
        if (read.format) status.format = read.format;
      }
    }
    if (!model.lastReviewed) lastCommitOfDocument = lastCommitTouching(root, model.document);
  }

  if (model.lastReviewed) {
    status.lastReviewed = model.lastReviewed;
    status.lastReviewedSource = 'declared';
  } else if (lastCommitOfDocument) {
    status.lastReviewed = lastCommitOfDocument.date;
    status.lastReviewedSource = 'git';
  }
  if (!status.lastReviewed) {
    if (status.state === 'current') status.state = 'stale';
    status.reasons.push('No review date: set threatModel.lastReviewed (or commit the document, whose last commit then counts as the review).');
    return status;
  }

  const reviewed = Date.parse(`${status.lastReviewed}T00:00:00Z`);
  const due = new Date(reviewed + (model.reviewIntervalDays ?? DEFAULT_REVIEW_INTERVAL_DAYS) * DAY_MS);
  status.dueDate = due.toISOString().slice(0, 10);
  if (now.getTime() > due.getTime() + DAY_MS - 1) {
    if (status.state === 'current') status.state = 'stale';
    status.reasons.push(`The review was due on ${status.dueDate} (last review ${status.lastReviewed}, every ${status.reviewIntervalDays} days).`);
  }

  const history = changesSince(root, lastCommitOfDocument ? { commit: lastCommitOfDocument.commit } : { date: status.lastReviewed });
  if ('error' in history) {
    status.reasons.push(`Changes since the review were not checked: ${history.error}.`);
    return status;
  }
  status.changesSinceReview = history.changes.slice(0, CHANGE_LIMIT);
  if (history.changes.length > 0) {
    if (status.state === 'current') status.state = 'stale';
    status.reasons.push(`Since the review (${status.lastReviewed}) the code added ${summarizeChanges(history.changes)}.`);
  }
  if (status.state === 'current') status.reasons.push(`Reviewed ${status.lastReviewed}; next review due ${status.dueDate}.`);
  return status;
}

function summarizeChanges(changes: ThreatModelChange[]): string {
  const count = (kind: ThreatModelChange['kind']): number => changes.filter((change) => change.kind === kind).length;
  const parts: string[] = [];
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  if (count('entry-point')) parts.push(plural(count('entry-point'), 'entry point', 'entry points'));
  if (count('outbound-call')) parts.push(plural(count('outbound-call'), 'outbound network call', 'outbound network calls'));
  if (count('dependency')) parts.push(plural(count('dependency'), 'dependency', 'dependencies'));
  return parts.join(', ');
}

export function formatOf(document: string): ThreatModelFormat {
  if (/\.tc\.json$/i.test(document)) return 'threat-composer';
  if (/\.json$/i.test(document)) return 'threat-dragon';
  return 'document';
}

/** Threat and mitigation counts of a Threat Dragon (v1 or v2) or Threat Composer model. */
export function readCounts(path: string, format: Exclude<ThreatModelFormat, 'document'>): { counts: ThreatCounts; format?: ThreatModelFormat } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { error: `not readable as JSON (${(error as Error).message.split('\n')[0]})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { error: 'not a threat model (expected a JSON object)' };
  const model = data as Record<string, unknown>;
  // A Threat Composer export saved as plain .json is still read as one.
  if (format === 'threat-dragon' && !isThreatDragon(model) && Array.isArray(model.threats)) return { ...threatComposerCounts(model), format: 'threat-composer' };
  return format === 'threat-composer' ? threatComposerCounts(model) : threatDragonCounts(model);
}

function isThreatDragon(model: Record<string, unknown>): boolean {
  return Array.isArray((model.detail as { diagrams?: unknown } | undefined)?.diagrams);
}

function threatComposerCounts(data: Record<string, unknown>): { counts: ThreatCounts } | { error: string } {
  if (!Array.isArray(data.threats)) return { error: 'not a Threat Composer model (no "threats" array)' };
  const counts: ThreatCounts = { threats: 0, open: 0, mitigated: 0, other: 0, mitigations: 0, mitigationsImplemented: 0 };
  for (const threat of data.threats as { status?: unknown }[]) {
    counts.threats++;
    // Threat Composer's statuses: threatIdentified (the default), threatResolved, threatResolvedNotUseful.
    if (threat?.status === undefined || threat.status === 'threatIdentified') counts.open++;
    else if (threat.status === 'threatResolved') counts.mitigated++;
    else counts.other++;
  }
  for (const mitigation of Array.isArray(data.mitigations) ? (data.mitigations as { status?: unknown }[]) : []) {
    counts.mitigations++;
    if (mitigation?.status === 'mitigationResolved') counts.mitigationsImplemented = (counts.mitigationsImplemented ?? 0) + 1;
  }
  return { counts };
}

function threatDragonCounts(data: Record<string, unknown>): { counts: ThreatCounts } | { error: string } {
  const detail = data.detail as { diagrams?: unknown } | undefined;
  if (!detail || !Array.isArray(detail.diagrams)) return { error: 'neither a Threat Dragon model (no "detail.diagrams" array) nor a Threat Composer export (no "threats" array)' };
  const counts: ThreatCounts = { threats: 0, open: 0, mitigated: 0, other: 0, mitigations: 0 };
  for (const diagram of detail.diagrams as { cells?: unknown; diagramJson?: { cells?: unknown } }[]) {
    // Version 2 keeps cells on the diagram with threats under `data`; version 1 under `diagramJson`, threats on the cell.
    const cells = Array.isArray(diagram?.cells) ? diagram.cells : Array.isArray(diagram?.diagramJson?.cells) ? diagram.diagramJson.cells : [];
    for (const cell of cells as { data?: { threats?: unknown }; threats?: unknown }[]) {
      const threats = Array.isArray(cell?.data?.threats) ? cell.data.threats : Array.isArray(cell?.threats) ? cell.threats : [];
      for (const threat of threats as { status?: unknown; mitigation?: unknown }[]) {
        counts.threats++;
        const state = typeof threat?.status === 'string' ? threat.status.toLowerCase() : 'open';
        if (state === 'open') counts.open++;
        else if (state === 'mitigated') counts.mitigated++;
        else counts.other++;
        if (typeof threat?.mitigation === 'string' && threat.mitigation.trim() !== '') counts.mitigations++;
      }
    }
  }
  return { counts };
}

function lastCommitTouching(root: string, document: string): { commit: string; date: string } | undefined {
  try {
    const line = git(root, ['log', '-1', '--format=%H %cs', '--', document]).toString('utf8').trim();
    if (!line) return undefined;
    const [commit, date] = line.split(' ');
    return { commit, date };
  } catch {
    return undefined;
  }
}

const CODE_PATHSPECS = ['*.js', '*.jsx', '*.mjs', '*.cjs', '*.ts', '*.tsx', '*.mts', '*.cts', '*.vue', '*.svelte', '*package.json', ':(exclude)*node_modules/*'];

const ENTRY_POINTS: { pattern: RegExp; label: string }[] = [
  { pattern: /\b(?:app|router|server|api|routes?|fastify|hono|koa)\s*\.\s*(get|post|put|patch|delete|all|route|head|options)\s*\(\s*['"`]/i, label: 'HTTP route' },
  { pattern: /@(Get|Post|Put|Patch|Delete|All|Head|Options)\s*\(/, label: 'controller handler' },
  { pattern: /export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s*\(/, label: 'route handler' },
  { pattern: /export\s+const\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s*=/, label: 'route handler' },
  { pattern: /\b(?:https?|http2|net)\s*\.\s*createServer\s*\(|\bcreateServer\s*\(/, label: 'server' },
  { pattern: /\bexports\.handler\s*=|export\s+(?:const|async\s+function|function)\s+handler\b/, label: 'serverless handler' },
  { pattern: /new\s+WebSocketServer\s*\(/, label: 'WebSocket server' },
];

const OUTBOUND_CALLS: { pattern: RegExp; label: string }[] = [
  { pattern: /(?<![\w.])fetch\s*\(/, label: 'fetch' },
  { pattern: /\baxios(?:\s*\.\s*(?:get|post|put|patch|delete|request|head))?\s*\(/, label: 'axios' },
  { pattern: /\b(?:https?)\s*\.\s*(?:request|get)\s*\(/, label: 'http request' },
  { pattern: /\bgot(?:\s*\.\s*(?:get|post|put|patch|delete))?\s*\(\s*['"`]/, label: 'got' },
  { pattern: /\bundici\s*\.\s*(?:request|fetch)\s*\(|\bnew\s+(?:WebSocket|XMLHttpRequest)\s*\(/, label: 'network client' },
];

type Since = { date: string } | { commit: string };

/** Entry points, outbound calls and runtime dependencies added by commits after the review. */
export function changesSince(root: string, since: Since): { changes: ThreatModelChange[] } | { error: string } {
  let log: string;
  try {
    const range = 'commit' in since ? [`${since.commit}..HEAD`] : [`--since=${since.date} 23:59:59`, 'HEAD'];
    log = git(root, [
      '-c', 'core.quotePath=false', 'log', '--no-merges', '--reverse', '--format=%x00%H %cs', '-p', '--unified=0', '--no-color',
      '--no-ext-diff', '--no-textconv', '--relative', ...range, '--', ...CODE_PATHSPECS,
    ]).toString('utf8');
  } catch (error) {
    return { error: error instanceof GitError ? error.message : String(error) };
  }
  const changes: ThreatModelChange[] = [];
  const seen = new Set<string>();
  const add = (change: ThreatModelChange): void => {
    const key = `${change.kind}\0${change.path}\0${change.description}`;
    if (seen.has(key)) return;
    seen.add(key);
    changes.push(change);
  };

  let commit = '';
  let date = '';
  let path: string | undefined;
  let line = 0;
  const manifests: { commit: string; date: string; path: string }[] = [];
  for (const text of log.split('\n')) {
    if (text.startsWith('\0')) {
      [commit, date] = text.slice(1).split(' ');
      path = undefined;
    } else if (text.startsWith('diff --git ')) {
      path = undefined;
    } else if (text.startsWith('+++ ')) {
      path = text === '+++ /dev/null' ? undefined : text.slice(4).replace(/^b\//, '');
      if (path && /(?:^|\/)package\.json$/.test(path)) manifests.push({ commit, date, path });
    } else if (text.startsWith('@@')) {
      line = Number(/\+(\d+)/.exec(text)?.[1] ?? 0);
    } else if (path && text.startsWith('+')) {
      if (!/package\.json$/.test(path) && !isTestFile(path)) inspectAddedLine(text.slice(1), { commit: commit.slice(0, 12), date, path, line }, add);
      line++;
    }
  }
  for (const manifest of manifests) addedDependencies(root, manifest, add);
  return { changes };
}

function inspectAddedLine(code: string, at: { commit: string; date: string; path: string; line: number }, add: (change: ThreatModelChange) => void): void {
  const trimmed = code.trim();
  if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.length > 500) return;
  for (const { pattern, label } of ENTRY_POINTS) {
    const match = pattern.exec(code);
    if (match) {
      add({ kind: 'entry-point', description: `${label}: ${trimmed.slice(0, 80)}`, ...at });
      return;
    }
  }
  for (const { pattern, label } of OUTBOUND_CALLS) {
    if (pattern.test(code)) {
      add({ kind: 'outbound-call', description: `${label}: ${trimmed.slice(0, 80)}`, ...at });
      return;
    }
  }
}

/** Runtime dependencies present in a manifest after a commit and absent before it. */
function addedDependencies(root: string, manifest: { commit: string; date: string; path: string }, add: (change: ThreatModelChange) => void): void {
  const after = manifestAt(root, manifest.commit, manifest.path);
  if (!after) return;
  const before = manifestAt(root, `${manifest.commit}^`, manifest.path);
  for (const name of Object.keys(after.dependencies)) {
    if (before && name in before.dependencies) continue;
    const offset = after.text.indexOf(`"${name}"`);
    const line = offset >= 0 ? after.text.slice(0, offset).split('\n').length : undefined;
    add({ kind: 'dependency', description: `dependency ${name}@${after.dependencies[name]}`, path: manifest.path, commit: manifest.commit.slice(0, 12), date: manifest.date, ...(line ? { line } : {}) });
  }
}

function manifestAt(root: string, revision: string, path: string): { text: string; dependencies: Record<string, string> } | undefined {
  let text: string;
  try {
    // `./` keeps the path relative to `root`, as `--relative` printed it, even when root is below the git top.
    text = git(root, ['show', `${revision}:./${path}`]).toString('utf8');
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    return { text, dependencies: { ...data.optionalDependencies, ...data.dependencies } };
  } catch {
    return undefined;
  }
}
