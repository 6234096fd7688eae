// typosquat-package: an import whose package name is a near-miss of a popular npm package.
import type { Rule } from '../rule';
import type { ImportRecord } from '../types';
import type { FilePackages } from '../imports/packages';
import { importLead, removeImportFix, runtimeSpecifier } from '../imports/checks';
import { typosquatTarget } from '../imports/popular';

/** Imports that throw when the module is missing, where nothing in the file expects that (dynamic imports may be caught). */
const LOADING_KINDS = new Set<ImportRecord['kind']>(['import', 'export', 'import-equals', 'require']);

/**
 * Why replacing the name cannot break code that works: the mistyped package resolves nowhere (the project has an
 * install, and it is not in it, its lockfile, its manifests or a build config's aliases), so the import fails today,
 * and the intended one is declared in the nearest package.json or installed. Undefined when that is not known.
 */
function failsToday(record: ImportRecord, name: string, target: string, packages: FilePackages | undefined): string | undefined {
  if (!packages?.hasInstall || !LOADING_KINDS.has(record.kind) || record.guarded) return undefined;
  if (packages.isDeclared(name) || packages.installed(name) !== undefined || packages.isLocked(name) === true || packages.namedInBuildConfig(name)) return undefined;
  const manifest = packages.manifest;
  const declared = manifest !== undefined && [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies, manifest.optionalDependencies]
    .some((field) => Object.prototype.hasOwnProperty.call(field, target));
  if (!declared && packages.installed(target) === undefined) return undefined;
  return `'${name}' is not installed or declared, so this import fails today; ${target} is ${declared ? 'a dependency' : 'installed'}`;
}

export const typosquatPackage: Rule = {
  meta: {
    id: 'typosquat-package',
    category: 'supply-chain',
    title: 'Possible typosquat of a popular package',
    description:
      'An import of a package whose name is one or two letters, a separator or a scope away from a popular npm package: attackers publish such names to catch typos.',
    severity: 'error',
    cwe: [1357, 829],
    fixable: true,
  },
  visitors: {},
  imports(record, context) {
    const specifier = runtimeSpecifier(record);
    if (specifier?.kind !== 'package') return;
    const { name } = specifier;
    const target = typosquatTarget(name);
    if (target === undefined || context.packages?.resolvesLocally(record.specifier!)) return;
    const known = context.packages !== undefined && (context.packages.isDeclared(name) || context.packages.installed(name) !== undefined);
    // The package name starts right after the opening quote.
    const nameStart = record.range[0] + 1;
    const safeBecause = failsToday(record, name, target, context.packages);
    const replace = {
      title: safeBecause ? `Replace with ${target} (safe: ${safeBecause})` : `Replace with ${target}`,
      safety: safeBecause ? ('safe' as const) : ('review' as const),
      edits: [{ range: [nameStart, nameStart + name.length] as [number, number], text: target }],
    };
    const remove = removeImportFix(record, context.text);
    context.report({
      node: record.range,
      package: name,
      message: `Possible typosquat of '${target}': ${importLead(context.isNewImport(name), `'${name}'`)}, a near-miss of that popular package.${known ? ' It is declared or installed here: make sure it is the package you meant.' : ''}`,
      confidence: known ? 'medium' : 'high',
      fixes: remove ? [replace, remove] : [replace],
    });
  },
  dependencies(dependency, context) {
    if (!context.isNewImport(dependency.name)) return;
    const target = typosquatTarget(dependency.name);
    if (target === undefined) return;
    const [start, end] = dependency.nameRange;
    context.report({
      node: dependency.nameRange,
      package: dependency.name,
      message: `Possible typosquat of '${target}': '${dependency.name}', added to ${dependency.field}, is a near-miss of that popular package.`,
      confidence: 'high',
      fixes: [{ title: `Replace with ${target}`, safety: 'review', edits: [{ range: [start + 1, end - 1], text: target }] }],
    });
  },
};
