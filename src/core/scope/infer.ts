// Infers what the code handles from a workspace: secrets, personal/health/payment field names in code, schemas and
// migrations, SDKs of payment, health, identity and key-management services, private keys and certificates, .env
// files with credentials. One walk with the scan's rules (.gitignore, excludes, size limit); each file read once.
import { readFileSync } from 'node:fs';
import type { CodewardConfig } from '../config/model';
import { DEFAULT_CONFIG } from '../config/model';
import { displayPath, type ScanReport } from '../scan';
import { selectFiles } from '../files';
import { fileKind } from '../file-kinds';
import { findTextSecrets } from '../text-secrets';
import { findProviderSecret } from '../secrets';
import { isTestFile } from '../test-files';
import { LineIndex } from '../lines';
import { hardcodedSecret } from '../rules/hardcoded-secret';
import { CLASSIFICATIONS, type Classification, type DataKind, type Evidence, type InferredScope, type Signal, type SignalKind } from './model';
import { SDK_SIGNALS, FIELD_VOCABULARY } from './vocabulary';

export interface InferOptions {
  /** The repository configuration (its excludes and size limit shape the file selection). */
  config?: CodewardConfig;
  /** The directory the configuration's exclude patterns are relative to, when not `root` (the git root). */
  configRoot?: string;
  /** A scan of the same root: its hardcoded-secret findings are the secret evidence, instead of a line scan here. */
  report?: ScanReport;
}

const EVIDENCE_LIMIT = 20;
const YIELD_EVERY = 50;

const SCHEMA_FILE = /\.(?:sql|prisma|graphql|gql)$/i;
const KEY_FILE = /\.(?:pem|key|p12|pfx|jks|keystore|crt|cer|der)$|^id_(?:rsa|dsa|ecdsa|ed25519)$/i;
const ENV_FILE = /^\.env(?:\..+)?$/;
const ENV_TEMPLATE = /\.(?:example|sample|template|dist|defaults)$/i;

function isInferenceFile(name: string): boolean {
  return fileKind(name) !== undefined || SCHEMA_FILE.test(name) || KEY_FILE.test(name) || name === 'package.json';
}

/** Schemas, migrations and API descriptions: fields there are stored or exchanged, not just named. */
function isSchemaPath(path: string): boolean {
  return SCHEMA_FILE.test(path) || /(?:^|\/)(?:migrations?|schemas?|db|database|models?|entities)\//i.test(path) ||
    /\.schema\.json$|(?:^|\/)(?:openapi|swagger)\.(?:json|ya?ml)$/i.test(path);
}

class SignalSet {
  private readonly byKey = new Map<string, Signal & { terms: Set<string>; files: Set<string>; count: number }>();

  add(kind: SignalKind, dataKind: DataKind, term: string, evidence: Evidence): void {
    const key = `${kind}\0${dataKind}`;
    let signal = this.byKey.get(key);
    if (!signal) {
      signal = { kind, dataKind, description: '', evidence: [], terms: new Set(), files: new Set(), count: 0 };
      this.byKey.set(key, signal);
    }
    signal.terms.add(term);
    signal.files.add(evidence.path);
    signal.count++;
    if (signal.evidence.length < EVIDENCE_LIMIT) signal.evidence.push(evidence);
  }

  list(): Signal[] {
    return [...this.byKey.values()].map(({ terms, files, count, ...signal }) => ({
      ...signal,
      description: describe(signal.kind, signal.dataKind, [...terms], files.size, count),
    }));
  }
}

const KIND_LABEL: Record<DataKind, string> = {
  'personal-data': 'personal data',
  health: 'health data',
  'payment-card': 'payment data',
  credentials: 'credentials',
  'trade-secrets': 'trade secrets',
  'customer-data': 'customer data',
};

function describe(kind: SignalKind, dataKind: DataKind, terms: string[], files: number, count: number): string {
  const shown = terms.slice(0, 5).join(', ') + (terms.length > 5 ? `, +${terms.length - 5} more` : '');
  const where = `${files} ${files === 1 ? 'file' : 'files'}`;
  switch (kind) {
    case 'secret':
      return `${count} hard-coded ${count === 1 ? 'secret' : 'secrets'} in ${where}`;
    case 'field-name':
      return `${KIND_LABEL[dataKind]} field names in code (${shown}) in ${where}`;
    case 'schema-field':
      return `${KIND_LABEL[dataKind]} fields in schemas or migrations (${shown}) in ${where}`;
    case 'sdk':
      return `${KIND_LABEL[dataKind]} services used: ${shown}`;
    case 'private-key':
      return `${count} private ${count === 1 ? 'key' : 'keys'} committed (${where})`;
    case 'certificate':
      return `${count} ${count === 1 ? 'certificate' : 'certificates'} committed (${where})`;
    case 'env-credentials':
      return `.env ${files === 1 ? 'file' : 'files'} with credentials (${where})`;
  }
}

/** What the workspace under `root` shows it handles, with the evidence and a proposed classification. */
export async function inferScope(root: string, options: InferOptions = {}): Promise<InferredScope> {
  const config = options.config ?? DEFAULT_CONFIG;
  const selection = selectFiles([root], { root: options.configRoot ?? root, exclude: config.exclude, maxFileSizeKb: config.maxFileSizeKb, accept: isInferenceFile });
  const signals = new SignalSet();
  if (options.report) secretsFromReport(options.report, root, signals);

  let read = 0;
  for (const file of selection.files) {
    const path = displayPath(root, file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue;
    }
    read++;
    inspectFile(path, bytes, signals, !options.report);
    if (read % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const list = signals.list();
  return { ...propose(list), signals: list, filesRead: read };
}

function secretsFromReport(report: ScanReport, root: string, signals: SignalSet): void {
  for (const file of report.files) {
    const path = displayPath(root, file.absolutePath);
    if (path.startsWith('../')) continue;
    for (const finding of file.findings) {
      if (finding.ruleId !== hardcodedSecret.meta.id || finding.suppression) continue;
      signals.add('secret', 'credentials', 'secret', { path, line: finding.start.line });
    }
  }
}

function inspectFile(path: string, bytes: Buffer, signals: SignalSet, scanSecrets: boolean): void {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (KEY_FILE.test(name)) {
    inspectKeyFile(path, name, bytes, signals);
    return;
  }
  if (bytes.subarray(0, 8000).includes(0)) return;
  const text = bytes.toString('utf8');
  const lines = new LineIndex(text);
  const kind = fileKind(name);
  const test = isTestFile(path);

  if (ENV_FILE.test(name) && !ENV_TEMPLATE.test(name)) {
    for (const secret of findTextSecrets(text, path)) {
      signals.add('env-credentials', 'credentials', name, { path, line: lines.position(secret.range[0]).line });
    }
    return;
  }
  if (name === 'package.json') inspectManifest(path, text, lines, signals);
  if (scanSecrets && !test) {
    if (kind === 'config') {
      for (const secret of findTextSecrets(text, path)) signals.add('secret', 'credentials', 'secret', { path, line: lines.position(secret.range[0]).line });
    } else if (kind === 'script' || kind === 'component') {
      scanProviderSecrets(path, text, signals);
    }
  }
  if (test) return;
  if (isSchemaPath(path)) inspectFieldNames(path, text, lines, 'schema-field', signals);
  else if (kind === 'script' || kind === 'component') inspectFieldNames(path, text, lines, 'field-name', signals);
}

function inspectKeyFile(path: string, name: string, bytes: Buffer, signals: SignalSet): void {
  const head = bytes.subarray(0, 64 * 1024).toString('latin1');
  if (/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/.test(head) || /\.(?:p12|pfx|jks|keystore)$/i.test(name) || /^id_(?:rsa|dsa|ecdsa|ed25519)$/.test(name)) {
    signals.add('private-key', 'credentials', name, { path });
  } else if (/-----BEGIN CERTIFICATE-----/.test(head) || /\.(?:crt|cer|der)$/i.test(name)) {
    signals.add('certificate', 'credentials', name, { path });
  }
}

/** Known provider token formats only: the precise half of the secret rule, without parsing. */
function scanProviderSecrets(path: string, text: string, signals: SignalSet): void {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line.length > 2000) continue;
    const match = findProviderSecret(line);
    if (match && match.confidence === 'high') signals.add('secret', 'credentials', 'secret', { path, line: index + 1 });
  }
}

const IDENTIFIER = /[A-Za-z_$][\w$-]*/g;

function inspectFieldNames(path: string, text: string, lines: LineIndex, kind: 'field-name' | 'schema-field', signals: SignalSet): void {
  const seen = new Set<string>();
  for (const match of text.matchAll(IDENTIFIER)) {
    const word = match[0];
    if (word.length < 3 || word.length > 40) continue;
    const entry = FIELD_VOCABULARY.get(word.toLowerCase().replace(/[_$-]/g, ''));
    if (!entry || seen.has(word)) continue;
    seen.add(word);
    signals.add(kind, entry, word, { path, line: lines.position(match.index ?? 0).line, excerpt: word });
  }
}

function inspectManifest(path: string, text: string, lines: LineIndex, signals: SignalSet): void {
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return;
  }
  for (const section of ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies']) {
    const dependencies = manifest[section];
    if (!dependencies || typeof dependencies !== 'object') continue;
    for (const name of Object.keys(dependencies)) {
      const sdk = SDK_SIGNALS.find((entry) => entry.matches(name));
      if (!sdk) continue;
      const offset = text.indexOf(`"${name}"`);
      signals.add('sdk', sdk.dataKind, `${name} (${sdk.service})`, { path, line: offset >= 0 ? lines.position(offset).line : undefined, excerpt: name });
    }
  }
}

const RANK: Record<Classification, number> = Object.fromEntries(CLASSIFICATIONS.map((value, index) => [value, index])) as Record<Classification, number>;

/** Regulated data (health, payment) that is stored or sent to a provider is restricted; any other signal confidential. */
export function classificationOf(signal: Signal): Classification {
  const regulated = (signal.dataKind === 'health' || signal.dataKind === 'payment-card') && (signal.kind === 'sdk' || signal.kind === 'schema-field');
  return regulated ? 'restricted' : 'confidential';
}

function propose(signals: Signal[]): Pick<InferredScope, 'classification' | 'dataKinds' | 'reasons'> {
  const dataKinds = [...new Set(signals.map((signal) => signal.dataKind))];
  let classification: Classification = 'public';
  const reasons: { rank: number; text: string }[] = [];
  for (const signal of signals) {
    const proposed = classificationOf(signal);
    if (RANK[proposed] > RANK[classification]) classification = proposed;
    reasons.push({ rank: RANK[proposed], text: `${proposed}: ${signal.description}` });
  }
  reasons.sort((a, b) => b.rank - a.rank);
  if (reasons.length === 0) reasons.push({ rank: 0, text: 'public: no signal of sensitive data, credentials or regulated services' });
  return { classification, dataKinds, reasons: reasons.map((reason) => reason.text) };
}
