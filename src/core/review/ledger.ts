// The suppressions ledger (`.codeward/suppressions.json`): reviewed exceptions committed with the code, each with a
// path pattern, a rule, a reason, who approved it and when it expires. Honoured by the CLI and the editor alike.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ConfigError } from '../config/model';
import { findRule } from '../rules';
import { SUPPRESSION_ADDED } from '../suppress';
import { LineIndex } from '../lines';
import type { Position } from '../types';

export const LEDGER_FILE = join('.codeward', 'suppressions.json');
/** The ledger's path relative to the root, as reports name it. */
export const LEDGER_PATH = '.codeward/suppressions.json';

export interface LedgerEntry {
  /** A .gitignore-style pattern relative to the root, as in `exclude`. */
  path: string;
  rule: string;
  reason: string;
  approvedBy: string;
  /** YYYY-MM-DD; the entry holds through that day (UTC). */
  expires: string;
  /** Where the entry sits in the ledger file, for reports about the entry itself. */
  start: Position;
  end: Position;
  range: [number, number];
}

export interface Ledger {
  /** Absolute path of the file read. */
  file: string;
  text: string;
  entries: LedgerEntry[];
}

const ENTRY_KEYS = ['path', 'rule', 'reason', 'approvedBy', 'expires'] as const;
const TOP_KEYS = new Set(['$schema', 'suppressions']);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The ledger at the project root, or undefined when there is none; an invalid one is a ConfigError. */
export function loadLedger(root: string): Ledger | undefined {
  const file = join(root, LEDGER_FILE);
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, '$', `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseLedger(text, file);
}

/** Validates the whole file; the first problem is thrown with its JSON path and the reason. */
export function parseLedger(text: string, file: string): Ledger {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const lines = new LineIndex(text);
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const where = first ? lines.position(first.offset) : { line: 1, column: 1 };
    const reason = first ? printParseErrorCode(first.error) : 'empty file';
    throw new ConfigError(file, '$', `not valid JSON (${reason} at line ${where.line}, column ${where.column})`);
  }
  const data: unknown = JSON.parse(text);
  if (!isObject(data)) throw new ConfigError(file, '$', 'must be an object with a "suppressions" array');
  for (const key of Object.keys(data)) {
    if (!TOP_KEYS.has(key)) throw new ConfigError(file, `$.${key}`, 'unknown key; expected "suppressions"');
  }
  if (!Array.isArray(data.suppressions)) throw new ConfigError(file, '$.suppressions', 'must be an array of entries');
  const entries = data.suppressions.map((raw: unknown, index: number): LedgerEntry => {
    const at = `$.suppressions[${index}]`;
    if (!isObject(raw)) throw new ConfigError(file, at, `must be an object with ${ENTRY_KEYS.join(', ')}`);
    for (const key of Object.keys(raw)) {
      if (!(ENTRY_KEYS as readonly string[]).includes(key)) throw new ConfigError(file, `${at}.${key}`, `unknown key; expected ${ENTRY_KEYS.join(', ')}`);
    }
    for (const key of ENTRY_KEYS) {
      if (raw[key] === undefined) throw new ConfigError(file, `${at}.${key}`, 'is required');
      if (typeof raw[key] !== 'string' || (raw[key] as string).trim() === '') throw new ConfigError(file, `${at}.${key}`, 'must be a non-empty string');
    }
    const entry = raw as Record<(typeof ENTRY_KEYS)[number], string>;
    if (!findRule(entry.rule)) throw new ConfigError(file, `${at}.rule`, `unknown rule id '${entry.rule}' (run \`codeward rules\` for the list)`);
    if (entry.rule === SUPPRESSION_ADDED) throw new ConfigError(file, `${at}.rule`, `${SUPPRESSION_ADDED} cannot be suppressed`);
    if (!isDate(entry.expires)) throw new ConfigError(file, `${at}.expires`, `must be a date YYYY-MM-DD (got '${entry.expires}')`);
    try {
      ignore().add(entry.path);
    } catch (error) {
      throw new ConfigError(file, `${at}.path`, `not a valid pattern (${(error as Error).message})`);
    }
    const node = findNodeAtLocation(tree, ['suppressions', index]);
    const range: [number, number] = node ? [node.offset, node.offset + node.length] : [0, 0];
    return {
      path: entry.path, rule: entry.rule, reason: entry.reason, approvedBy: entry.approvedBy, expires: entry.expires,
      start: lines.position(range[0]), end: lines.position(range[1]), range,
    };
  });
  return { file, text, entries };
}

/** Today's date in UTC as YYYY-MM-DD, the form `expires` is compared with. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isExpired(entry: Pick<LedgerEntry, 'expires'>, on: string): boolean {
  return entry.expires < on;
}

export interface LedgerMatcher {
  /** The first entry for this rule whose pattern matches the path (relative to the root, forward slashes). */
  match(path: string, ruleId: string): { entry: LedgerEntry; index: number } | undefined;
}

export function ledgerMatcher(ledger: Ledger): LedgerMatcher {
  const patterns: Ignore[] = ledger.entries.map((entry) => ignore().add(entry.path));
  return {
    match(path, ruleId) {
      if (path === '' || path.startsWith('../')) return undefined;
      const index = ledger.entries.findIndex((entry, position) => entry.rule === ruleId && patterns[position].ignores(path));
      return index < 0 ? undefined : { entry: ledger.entries[index], index };
    },
  };
}

function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
