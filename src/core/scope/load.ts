// Reads and validates .codeward/scope.json: every problem comes back with its JSON path, reason and position,
// and none of them throws, so the CLI (exit 2) and the editor (one warning) can both say exactly what is wrong.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findNodeAtLocation, getNodeValue, Node as JsonNode, parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import { LineIndex } from '../lines';
import { projectRoot } from '../config/load';
import {
  ApprovedAssistant, Certification, CERTIFICATIONS, Classification, CLASSIFICATIONS, DATA_KINDS, DataKind, Framework, FRAMEWORKS,
  LoadedScope, SCOPE_FILE, ScopeDeclaration, ScopeError, ThreatModelDeclaration,
} from './model';

export const DEFAULT_REVIEW_INTERVAL_DAYS = 180;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Where the scope file of a scanned path lives: the nearest `.codeward/scope.json` from the scanned directory up to
 * the git root (a package of a monorepo may declare its own), else where it belongs: the git root, or the scanned
 * directory outside git. `root` is the directory that holds `.codeward/`.
 */
export function scopeFileFor(scannedPath: string): { root: string; file: string } {
  const top = projectRoot(scannedPath);
  const absolute = resolve(scannedPath);
  let current = existsSync(absolute) && statSync(absolute).isFile() ? dirname(absolute) : absolute;
  while (current.startsWith(top) && current !== top) {
    if (existsSync(join(current, SCOPE_FILE))) return { root: current, file: join(current, SCOPE_FILE) };
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return { root: top, file: join(top, SCOPE_FILE) };
}

/** loadScope for the scope that governs a scanned path (see scopeFileFor). */
export function loadScopeFor(scannedPath: string): LoadedScope {
  return loadScope(scopeFileFor(scannedPath).root);
}

/** The scope declared for a root (a directory; see scopeFileFor). A missing file is no error. */
export function loadScope(root: string): LoadedScope {
  const file = join(root, SCOPE_FILE);
  if (!existsSync(file)) return { file, root, exists: false, errors: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { file, root, exists: true, errors: [{ file, jsonPath: '$', reason: `cannot be read (${code})` }] };
  }
  return { file, root, exists: true, ...parseScope(text, file) };
}

/** Validates a scope file's text (comments and trailing commas are tolerated, as in VS Code's JSON editor). */
export function parseScope(text: string, file: string): { declared?: ScopeDeclaration; errors: ScopeError[] } {
  if (text.trim() === '') return { errors: [{ file, jsonPath: '$', reason: 'empty file; expected an object', line: 1, column: 1 }] };
  const lines = new LineIndex(text);
  const parseErrors: ParseError[] = [];
  const tree = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length > 0 || !tree) {
    const first = parseErrors[0];
    const at = first ? lines.position(first.offset) : undefined;
    const reason = first ? `not valid JSON (${printParseErrorCode(first.error)})` : 'not valid JSON';
    return { errors: [{ file, jsonPath: '$', reason, ...(at ? { line: at.line, column: at.column } : {}) }] };
  }
  const validator = new Validator(file, lines);
  const declared = validator.declaration(tree);
  return validator.errors.length > 0 ? { errors: validator.errors } : { declared, errors: [] };
}

type Path = (string | number)[];

function formatPath(path: Path): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `${text}.${part}` : `${text}[${JSON.stringify(part)}]`), '$');
}

const TOP_KEYS = ['$schema', 'classification', 'dataKinds', 'frameworks', 'aiPolicy', 'threatModel', 'owners'];
const AI_KEYS = ['editsAllowed', 'restrictedPaths', 'reviewRequired', 'approvedAssistants'];
const ASSISTANT_KEYS = ['name', 'plan', 'retention', 'residency', 'certifications', 'checked'];
const THREAT_KEYS = ['document', 'owner', 'lastReviewed', 'reviewIntervalDays', 'note'];

class Validator {
  readonly errors: ScopeError[] = [];
  private root!: JsonNode;

  constructor(
    private readonly file: string,
    private readonly lines: LineIndex,
  ) {}

  declaration(tree: JsonNode): ScopeDeclaration | undefined {
    this.root = tree;
    if (tree.type !== 'object') {
      this.fail([], 'must be an object');
      return undefined;
    }
    const data = getNodeValue(tree) as Record<string, unknown>;
    this.knownKeys(data, [], TOP_KEYS);
    const classification = this.requiredEnum<Classification>(data.classification, ['classification'], CLASSIFICATIONS);
    const declaration: ScopeDeclaration = {
      classification: classification ?? 'public',
      dataKinds: this.enumList<DataKind>(data.dataKinds, ['dataKinds'], DATA_KINDS),
      frameworks: this.enumList<Framework>(data.frameworks, ['frameworks'], FRAMEWORKS),
      aiPolicy: this.aiPolicy(data.aiPolicy),
      owners: this.stringList(data.owners, ['owners']),
    };
    const threatModel = this.threatModel(data.threatModel);
    if (threatModel) declaration.threatModel = threatModel;
    return declaration;
  }

  private aiPolicy(value: unknown): ScopeDeclaration['aiPolicy'] {
    const policy = { editsAllowed: true, restrictedPaths: [] as string[], reviewRequired: false, approvedAssistants: [] as ApprovedAssistant[] };
    if (value === undefined) return policy;
    const path = ['aiPolicy'];
    if (!this.isObject(value, path)) return policy;
    this.knownKeys(value, path, AI_KEYS);
    policy.editsAllowed = this.boolean(value.editsAllowed, [...path, 'editsAllowed']) ?? true;
    policy.reviewRequired = this.boolean(value.reviewRequired, [...path, 'reviewRequired']) ?? false;
    policy.restrictedPaths = this.stringList(value.restrictedPaths, [...path, 'restrictedPaths']);
    const assistants = value.approvedAssistants;
    if (assistants !== undefined) {
      if (!Array.isArray(assistants)) this.fail([...path, 'approvedAssistants'], 'must be an array of assistants');
      else assistants.forEach((entry, index) => {
        const assistant = this.assistant(entry, [...path, 'approvedAssistants', index]);
        if (assistant) policy.approvedAssistants.push(assistant);
      });
    }
    return policy;
  }

  private assistant(value: unknown, path: Path): ApprovedAssistant | undefined {
    if (!this.isObject(value, path)) return undefined;
    this.knownKeys(value, path, ASSISTANT_KEYS);
    const name = this.string(value.name, [...path, 'name'], true);
    const assistant: ApprovedAssistant = {
      name: name ?? '',
      certifications: this.enumList<Certification>(value.certifications, [...path, 'certifications'], CERTIFICATIONS),
    };
    for (const key of ['plan', 'retention', 'residency'] as const) {
      const text = this.string(value[key], [...path, key], false);
      if (text !== undefined) assistant[key] = text;
    }
    const checked = this.date(value.checked, [...path, 'checked']);
    if (checked) assistant.checked = checked;
    return assistant;
  }

  private threatModel(value: unknown): ThreatModelDeclaration | undefined {
    if (value === undefined) return undefined;
    const path = ['threatModel'];
    if (!this.isObject(value, path)) return undefined;
    this.knownKeys(value, path, THREAT_KEYS);
    const model: ThreatModelDeclaration = { reviewIntervalDays: DEFAULT_REVIEW_INTERVAL_DAYS };
    for (const key of ['document', 'owner', 'note'] as const) {
      const text = this.string(value[key], [...path, key], false);
      if (text !== undefined) model[key] = text;
    }
    const reviewed = this.date(value.lastReviewed, [...path, 'lastReviewed']);
    if (reviewed) model.lastReviewed = reviewed;
    const interval = value.reviewIntervalDays;
    if (interval !== undefined) {
      if (typeof interval !== 'number' || !Number.isInteger(interval) || interval <= 0) this.fail([...path, 'reviewIntervalDays'], 'must be a positive whole number of days');
      else model.reviewIntervalDays = interval;
    }
    return model;
  }

  private requiredEnum<T extends string>(value: unknown, path: Path, allowed: readonly T[]): T | undefined {
    if (value === undefined) {
      this.fail([], `missing required property '${path[path.length - 1]}' (one of ${allowed.join(', ')})`);
      return undefined;
    }
    if (!allowed.includes(value as T)) {
      this.fail(path, `must be one of ${allowed.join(', ')}${typeof value === 'string' ? ` (got '${value}')` : ''}`);
      return undefined;
    }
    return value as T;
  }

  private enumList<T extends string>(value: unknown, path: Path, allowed: readonly T[]): T[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(path, `must be an array of: ${allowed.join(', ')}`);
      return [];
    }
    const result: T[] = [];
    value.forEach((item, index) => {
      if (!allowed.includes(item as T)) this.fail([...path, index], `must be one of ${allowed.join(', ')}${typeof item === 'string' ? ` (got '${item}')` : ''}`);
      else if (result.includes(item as T)) this.fail([...path, index], `'${item}' is listed twice`);
      else result.push(item as T);
    });
    return result;
  }

  private stringList(value: unknown, path: Path): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(path, 'must be an array of strings');
      return [];
    }
    const result: string[] = [];
    value.forEach((item, index) => {
      const text = this.string(item, [...path, index], true);
      if (text !== undefined) result.push(text);
    });
    return result;
  }

  private string(value: unknown, path: Path, required: boolean): string | undefined {
    if (value === undefined) {
      if (required) this.fail(path.slice(0, -1), `missing required property '${path[path.length - 1]}'`);
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(path, 'must be a non-empty string');
      return undefined;
    }
    return value;
  }

  private boolean(value: unknown, path: Path): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.fail(path, 'must be true or false');
      return undefined;
    }
    return value;
  }

  private date(value: unknown, path: Path): string | undefined {
    if (value === undefined) return undefined;
    const match = typeof value === 'string' ? DATE.exec(value) : null;
    if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
      this.fail(path, `must be a date YYYY-MM-DD${typeof value === 'string' ? ` (got '${value}')` : ''}`);
      return undefined;
    }
    return value as string;
  }

  private isObject(value: unknown, path: Path): value is Record<string, unknown> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
    this.fail(path, 'must be an object');
    return false;
  }

  private knownKeys(value: Record<string, unknown>, path: Path, keys: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) this.fail([...path, key], `unknown property; expected one of ${keys.filter((k) => k !== '$schema').join(', ')}`);
    }
  }

  private fail(path: Path, reason: string): void {
    const node = findNodeAtLocation(this.root, path);
    // Point at the property's key when there is one: that is what an editor underlines.
    const target = node?.parent?.type === 'property' ? node.parent : node;
    const at = target ? this.lines.position(target.offset) : undefined;
    this.errors.push({ file: this.file, jsonPath: formatPath(path), reason, ...(at ? { line: at.line, column: at.column } : {}) });
  }
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An invalid scope file, for callers that cannot go on without it (the CLI: exit 2, one line per problem). */
export class ScopeFileError extends Error {
  constructor(readonly errors: ScopeError[]) {
    super(errors.map(formatScopeError).join('\n'));
  }
}

/** `file:line:column: $.json.path: reason` (the position when known). */
export function formatScopeError(error: ScopeError): string {
  const at = error.line !== undefined ? `:${error.line}:${error.column ?? 1}` : '';
  return `${error.file}${at}: ${error.jsonPath}: ${error.reason}`;
}

/** The loaded scope, or ScopeFileError when the file exists and is invalid. */
export function requireValidScope(scope: LoadedScope): LoadedScope {
  if (scope.errors.length > 0) throw new ScopeFileError(scope.errors);
  return scope;
}
