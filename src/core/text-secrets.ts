// Secrets in the files agents commit beside code (.env, .npmrc, JSON, YAML, .properties, Dockerfile, compose):
// a line scan with the same provider formats, name hints, placeholders and masking as the code rule.
import type { Confidence, Range } from './types';
import { findProviderSecret, isEnvVarName, isHashFormat, isNonSecretShape, isPlaceholder, isPlaceholderWordy, looksRandom, maskSecret, secretNameKind } from './secrets';

export interface TextSecret {
  range: Range;
  message: string;
  confidence: Confidence;
}

/** Lock files are full of integrity hashes and URLs that no person or agent typed. */
const LOCK_FILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'composer.lock', 'bun.lockb']);

/** Files worth a secret scan even though they are not code. */
export function isSecretScannedFile(filePath: string): boolean {
  // lastIndexOf, not /[^/\\]*$/: that pattern retries at every character and is quadratic on long names.
  const name = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
  if (LOCK_FILES.has(name)) return false;
  return /^\.env(?:\..+)?$/.test(name) || name === '.npmrc' || name === '.yarnrc' || name === '.yarnrc.yml' ||
    /^Dockerfile(?:\..+)?$/.test(name) || /\.(?:json|ya?ml|properties|toml|ini|cfg|conf)$/i.test(name);
}

/** `KEY=value`, `key: value`, `"key": "value"`, `ENV KEY value`, `ARG KEY=value`, `//registry/:_authToken=value`. */
const ASSIGNMENT = /^\s*(?:export\s+|ENV\s+|ARG\s+|-\s+)?["']?([A-Za-z_][\w.\-/:@]*?)["']?\s*(?:=|:(?!\/\/)|\s(?=\S))\s*["']?([^"'\s,#]+(?:[^"'\n,#]*[^"'\s,#])?)["']?\s*,?\s*(?:#.*)?$/;
const DIRECTIVE = /(?:#|\/\/)\s*codeward-ignore-next-line\s+([\w\s,-]+?)\s+--\s+(\S.*)$/;

/** Every secret in the text, with ranges in the text; directives with a reason exclude the next line. */
export function findTextSecrets(text: string, filePath: string): TextSecret[] {
  const secrets: TextSecret[] = [];
  const isTestFixture = /(?:^|[/\\])(?:test|tests|__tests__|fixtures?|mocks?|examples?)[/\\]|\.example$|\.sample$|\.template$/i.test(filePath);
  let offset = 0;
  let ignoreNext = false;
  for (const line of text.split('\n')) {
    const skip = ignoreNext;
    const directive = DIRECTIVE.exec(line);
    ignoreNext = directive !== null && /(?:^|[\s,])hardcoded-secret(?:$|[\s,])/.test(directive[1]);
    if (!skip && !directive) {
      const found = secretInLine(line, isTestFixture);
      if (found) secrets.push({ ...found, range: [offset + found.range[0], offset + found.range[1]] });
    }
    offset += line.length + 1;
  }
  return secrets;
}

function secretInLine(line: string, isTestFixture: boolean): TextSecret | undefined {
  const assignment = ASSIGNMENT.exec(line);
  const name = assignment?.[1];
  const provider = findProviderSecret(line, { name });
  if (provider && !(isTestFixture && provider.confidence !== 'high')) {
    return {
      range: [provider.index, provider.index + provider.secret.length],
      message: `${provider.label} committed in a configuration file (${maskSecret(provider.secret)}); move it to a secret store or an untracked environment file and rotate it.`,
      confidence: provider.confidence,
    };
  }
  if (!assignment || isTestFixture || name === undefined) return undefined;
  const value = assignment[2];
  const kind = secretNameKind(name.replace(/^.*[.:/]/, ''));
  if (!kind || value.length < 8) return undefined;
  if (isPlaceholder(value) || isPlaceholderWordy(value) || isEnvVarName(value) || isNonSecretShape(value) || isHashFormat(value)) return undefined;
  if (/^\$\{?[A-Za-z_]/.test(value) || /^<.*>$/.test(value)) return undefined;
  const strong = looksRandom(value);
  if (!strong && kind !== 'password' && kind !== 'signing') return undefined;
  const index = line.indexOf(value, line.indexOf(name) + name.length);
  return {
    range: [index, index + value.length],
    message: `Hard-coded ${kind === 'password' ? 'password' : kind === 'signing' ? 'signing secret' : 'secret'} in '${name}' (${maskSecret(value)}); anyone with the repository can use it: load it from the environment or a secret store and rotate it.`,
    confidence: strong ? 'high' : 'medium',
  };
}
