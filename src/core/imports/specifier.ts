// What a module specifier names: a file, a Node built-in, an npm package, a remote location, or something a
// bundler or runtime provides. Only npm package names can be hallucinated or typosquatted.
import { builtinModules } from 'node:module';

export type Specifier =
  | { kind: 'relative' }
  /** `#internal/x`: the package's own `imports` map. */
  | { kind: 'subpath-import' }
  | { kind: 'builtin'; name: string }
  | { kind: 'package'; name: string; subpath: string }
  /** http(s):, file:, data:, git: — code from outside any registry and lockfile. */
  | { kind: 'remote'; scheme: string }
  /** Runtime or bundler schemes (`bun:`, `virtual:`), loader syntax, aliases that no npm name can match. */
  | { kind: 'other' };

const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));
/** Built-ins that exist only with the prefix. */
const PREFIX_ONLY_BUILTINS = new Set(['test', 'sqlite', 'sea', 'test/reporters']);
const REMOTE_SCHEMES = new Set(['http', 'https', 'file', 'data', 'git', 'git+ssh', 'git+https', 'git+http', 'git+file', 'github']);
/** npm's rules for a name: lower case, URL-safe, no leading dot or underscore, 214 characters at most. */
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

export function parseSpecifier(specifier: string): Specifier {
  if (specifier.startsWith('.') || specifier.startsWith('/') || /^[A-Za-z]:[\\/]/.test(specifier)) return { kind: 'relative' };
  if (specifier.startsWith('#')) return { kind: 'subpath-import' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(specifier)?.[1].toLowerCase();
  if (scheme === 'node') return { kind: 'builtin', name: specifier.slice(5) };
  if (scheme !== undefined) return REMOTE_SCHEMES.has(scheme) ? { kind: 'remote', scheme } : { kind: 'other' };
  const name = packageNameOf(specifier);
  if (BUILTINS.has(specifier) || BUILTINS.has(name)) {
    if (!PREFIX_ONLY_BUILTINS.has(name)) return { kind: 'builtin', name: BUILTINS.has(specifier) ? specifier : name };
  }
  if (name.length > 214 || !PACKAGE_NAME.test(name)) return { kind: 'other' };
  return { kind: 'package', name, subpath: specifier.slice(name.length) };
}

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function isBuiltinModule(name: string): boolean {
  return BUILTINS.has(name.replace(/^node:/, ''));
}
