// risky-dependency-spec: a dependency added to package.json as a git/URL/tarball/file location, or as `*`/`latest`.
import type { Fix } from '../types';
import type { DependencyRecord } from '../imports/manifest';
import type { ManifestContext, Rule } from '../rule';

const LOCATION = /^(?:git(?:\+[a-z]+)?:|https?:|file:|link:|github:|gitlab:|bitbucket:|gist:)/i;
/** `user/repo` and `user/repo#ref`: npm reads these as GitHub repositories. */
const GITHUB_SHORTHAND = /^[\w.-]+\/[\w.-]+(?:#.*)?$/;
const ANY_VERSION = new Set(['*', 'latest', 'x', '']);

export const riskyDependencySpec: Rule = {
  meta: {
    id: 'risky-dependency-spec',
    category: 'supply-chain',
    title: 'Dependency added from a location or with any version',
    description:
      'A dependency added to package.json as a git, URL, tarball or file location (outside the registry and its integrity checks), or with `*` or `latest`, which accept whatever is published next.',
    severity: 'warning',
    cwe: [494, 1104],
    fixable: true,
  },
  visitors: {},
  dependencies(dependency, context) {
    if (!context.isNewImport(dependency.name)) return;
    const spec = dependency.spec.trim();
    let problem: string | undefined;
    let fix: Fix | undefined;
    if (LOCATION.test(spec) || GITHUB_SHORTHAND.test(spec) || /\.(?:tgz|tar\.gz)$/i.test(spec)) {
      problem = `comes from '${spec}', not from the registry: no version the lockfile can pin by integrity, and whoever controls that location decides what is installed`;
    } else if (ANY_VERSION.has(spec.toLowerCase())) {
      problem = `accepts any version ('${spec}'): the next install takes whatever is published next, a hijacked release included`;
      fix = pinToLockedVersion(dependency, context);
    }
    if (!problem) return;
    context.report({
      node: dependency.specRange,
      message: `'${dependency.name}', added to ${dependency.field}, ${problem}.`,
      confidence: 'high',
      fixes: fix ? [fix] : [],
    });
  },
};

/**
 * Writing the version npm's lockfile already installs keeps `npm ci` installing exactly the same tree (npm checks
 * that the lockfile satisfies package.json, and it does); only a later `npm install` stops taking whatever is
 * newest. Peer ranges are left alone: they say what consumers may bring, not what this project installs.
 */
function pinToLockedVersion(dependency: DependencyRecord, context: ManifestContext): Fix | undefined {
  if (dependency.field === 'peerDependencies') return undefined;
  const version = context.packages?.npmLockedVersion(dependency.name);
  if (!version) return undefined;
  return {
    title: `Pin to ${version}, the version package-lock.json installs (safe: npm ci installs the same packages)`,
    safety: 'safe',
    edits: [{ range: dependency.specRange, text: JSON.stringify(version) }],
  };
}
