// typosquat-package: an import whose package name is a near-miss of a popular npm package.
import type { Rule } from '../rule';
import { importLead, removeImportFix, runtimeSpecifier } from '../imports/checks';
import { typosquatTarget } from '../imports/popular';

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
    const replace = { title: `Replace with ${target}`, safety: 'review' as const, edits: [{ range: [nameStart, nameStart + name.length] as [number, number], text: target }] };
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
