// Codeward: Initialise Scope File: a short guided flow (classification, data kinds, frameworks, AI policy) pre-filled
// from what the code shows, written by the core's initialScopeFile. Tests and automation pass the answers instead.
import * as vscode from 'vscode';
import { CLASSIFICATIONS, DATA_KINDS, FRAMEWORKS, initialScopeFile, SCOPE_FILE } from '../../core';
import type { Classification, DataKind, Framework, InitialScopeAnswers, ScopeStatus } from '../../core';

/** Answers given as the command's argument; `overwrite` replaces an existing file without asking. */
export interface InitScopeArgument extends InitialScopeAnswers {
  overwrite?: boolean;
}

const TITLE = 'Codeward: Initialise scope file';
const DATA_KIND_LABELS: Record<DataKind, string> = {
  'personal-data': 'Personal data',
  health: 'Health data',
  'payment-card': 'Payment card data',
  credentials: 'Credentials',
  'trade-secrets': 'Trade secrets',
  'customer-data': 'Customer data',
};
const SUGGESTED_FRAMEWORK: Partial<Record<DataKind, Framework>> = { health: 'HIPAA', 'payment-card': 'PCI DSS', 'personal-data': 'GDPR' };

function isListOf<T extends string>(value: unknown, allowed: readonly T[]): value is T[] {
  return Array.isArray(value) && value.every((entry) => allowed.includes(entry as T));
}

/** Checks answers that came from outside (a command argument); `problem` names the first thing wrong. */
export function parseInitArgument(value: unknown): { answers?: InitScopeArgument; problem?: string } {
  if (typeof value !== 'object' || value === null) return { problem: 'expected an object of answers' };
  const given = value as Record<string, unknown>;
  if (!CLASSIFICATIONS.includes(given.classification as Classification)) return { problem: `classification must be one of ${CLASSIFICATIONS.join(', ')}` };
  if (given.dataKinds !== undefined && !isListOf(given.dataKinds, DATA_KINDS)) return { problem: `dataKinds must be a list of ${DATA_KINDS.join(', ')}` };
  if (given.frameworks !== undefined && !isListOf(given.frameworks, FRAMEWORKS)) return { problem: `frameworks must be a list of ${FRAMEWORKS.join(', ')}` };
  for (const flag of ['aiEditsAllowed', 'reviewRequired', 'overwrite']) {
    if (given[flag] !== undefined && typeof given[flag] !== 'boolean') return { problem: `${flag} must be true or false` };
  }
  const restricted = given.restrictedPaths;
  if (restricted !== undefined && !(Array.isArray(restricted) && restricted.every((glob) => typeof glob === 'string' && glob.trim() !== ''))) {
    return { problem: 'restrictedPaths must be a list of globs' };
  }
  return { answers: given as unknown as InitScopeArgument };
}

/** Runs the flow (or takes `argument`), writes `<root>/.codeward/scope.json` and opens it; returns the file written. */
export async function initScope(root: string, status: ScopeStatus | undefined, argument?: unknown): Promise<vscode.Uri | undefined> {
  let answers: InitScopeArgument | undefined;
  if (argument !== undefined) {
    const parsed = parseInitArgument(argument);
    if (!parsed.answers) {
      void vscode.window.showErrorMessage(`${TITLE}: ${parsed.problem}.`);
      return undefined;
    }
    answers = parsed.answers;
  }
  const file = vscode.Uri.joinPath(vscode.Uri.file(root), ...SCOPE_FILE.split('/'));
  if (await exists(file) && !answers?.overwrite) {
    const choice = await vscode.window.showWarningMessage(`${SCOPE_FILE} already exists. Replace it?`, { modal: true }, 'Replace');
    if (choice !== 'Replace') return undefined;
  }
  answers ??= await ask(status);
  if (!answers) return undefined;
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
  await vscode.workspace.fs.writeFile(file, Buffer.from(initialScopeFile(answers), 'utf8'));
  await vscode.window.showTextDocument(file, { preview: false });
  return file;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function ask(status: ScopeStatus | undefined): Promise<InitialScopeAnswers | undefined> {
  const inferred = status?.inferred;
  const suggested = inferred?.classification;
  const classification = await vscode.window.showQuickPick(
    [...CLASSIFICATIONS].sort((a, b) => Number(b === suggested) - Number(a === suggested)).map((value) => ({
      label: value,
      description: value === suggested ? 'suggested by the code' : undefined,
      detail: value === suggested ? inferred?.reasons.slice(0, 2).join('; ') || undefined : undefined,
    })),
    { title: `${TITLE} (1/4): classification`, placeHolder: 'How sensitive is this repository?', ignoreFocusOut: true },
  );
  if (!classification) return undefined;

  const seenKinds = new Set(inferred?.dataKinds ?? []);
  const dataKinds = await vscode.window.showQuickPick(
    DATA_KINDS.map((kind) => ({ label: DATA_KIND_LABELS[kind], dataKind: kind, picked: seenKinds.has(kind), description: seenKinds.has(kind) ? 'seen in the code' : undefined })),
    { title: `${TITLE} (2/4): data handled`, placeHolder: 'Pick every kind of data the code handles', canPickMany: true, ignoreFocusOut: true },
  );
  if (!dataKinds) return undefined;

  const suggestedFrameworks = new Set(dataKinds.map((item) => SUGGESTED_FRAMEWORK[item.dataKind]).filter((framework) => framework !== undefined));
  const frameworks = await vscode.window.showQuickPick(
    FRAMEWORKS.map((framework) => ({ label: framework, description: suggestedFrameworks.has(framework) ? 'often applies to the data picked' : undefined })),
    { title: `${TITLE} (3/4): compliance frameworks`, placeHolder: 'Pick the frameworks in force (none is fine)', canPickMany: true, ignoreFocusOut: true },
  );
  if (!frameworks) return undefined;

  const strict = classification.label === 'confidential' || classification.label === 'restricted';
  const policies = [
    { label: 'AI edits allowed, changes reviewed by a person', aiEditsAllowed: true, reviewRequired: true },
    { label: 'AI edits allowed', aiEditsAllowed: true, reviewRequired: false },
    { label: 'No AI edits', aiEditsAllowed: false, reviewRequired: true },
  ];
  const policy = await vscode.window.showQuickPick(strict ? policies : [policies[1], policies[0], policies[2]], {
    title: `${TITLE} (4/4): AI policy`, placeHolder: 'May AI assistants edit this repository?', ignoreFocusOut: true,
  });
  if (!policy) return undefined;

  const globs = policy.aiEditsAllowed ? await vscode.window.showInputBox({
    title: `${TITLE}: restricted paths (optional)`,
    prompt: 'Globs where AI edits are not allowed, separated by commas; empty for none',
    placeHolder: 'e.g. src/billing/**, migrations/**',
    ignoreFocusOut: true,
  }) : '';
  if (globs === undefined) return undefined;

  return {
    classification: classification.label as Classification,
    dataKinds: dataKinds.map((item) => item.dataKind),
    frameworks: frameworks.map((item) => item.label as Framework),
    aiEditsAllowed: policy.aiEditsAllowed,
    reviewRequired: policy.reviewRequired,
    restrictedPaths: globs.split(',').map((glob) => glob.trim()).filter((glob) => glob !== ''),
  };
}
