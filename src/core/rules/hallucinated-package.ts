// hallucinated-package: an import of a package that the project neither declares nor has installed.
import type { Rule } from '../rule';
import { importLead, removeImportFix, runtimeSpecifier } from '../imports/checks';
import { typosquatTarget } from '../imports/popular';

export const hallucinatedPackage: Rule = {
  meta: {
    id: 'hallucinated-package',
    category: 'supply-chain',
    title: 'Possibly hallucinated package',
    description:
      'An import of a package that is not declared in package.json and not installed: AI assistants invent package names, and attackers register them.',
    severity: 'warning',
    cwe: [1357, 829],
    fixable: true,
  },
  visitors: {},
  imports(record, context) {
    const packages = context.packages;
    const specifier = runtimeSpecifier(record);
    // require() in a try block is the optional-dependency idiom: the code is written for the module to be missing.
    if (!packages?.manifest || specifier?.kind !== 'package' || record.guarded) return;
    const { name } = specifier;
    if (packages.isDeclared(name) || packages.isDeclared(typesPackage(name)) || packages.installed(name)) return;
    if (packages.installed(typesPackage(name)) || packages.resolvesLocally(record.specifier!)) return;
    // A near-miss of a popular name is reported as a typosquat, which says what was meant.
    if (typosquatTarget(name) !== undefined) return;
    const lead = importLead(context.isNewImport(name), `'${name}'`);
    const where = packages.hasInstall ? 'not installed' : 'nothing is installed to check against';
    const fix = removeImportFix(record, context.text);
    context.report({
      node: record.range,
      package: name,
      message: `Possibly hallucinated package: ${lead}, which is not declared in package.json and ${where}. Check that it exists and is the package you mean before installing it.`,
      confidence: packages.hasInstall ? 'high' : 'medium',
      fixes: fix ? [fix] : [],
    });
  },
};

/** Modules a host provides (vscode, electron in some setups) come with their types package declared: `@types/x`. */
function typesPackage(name: string): string {
  return `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
}
