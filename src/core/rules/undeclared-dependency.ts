// undeclared-dependency: an import of a package that is installed only as some other package's dependency.
import { dirname, join } from 'node:path';
import type { Rule } from '../rule';
import { declareDependencyFix, importLead, runtimeSpecifier } from '../imports/checks';
import { isTestFile } from '../test-files';

export const undeclaredDependency: Rule = {
  meta: {
    id: 'undeclared-dependency',
    category: 'supply-chain',
    title: 'Undeclared dependency',
    description:
      'An import of a package that is installed but declared in no package.json: it arrived as another package\'s dependency, unpinned and unreviewed, and can change or vanish with it.',
    severity: 'warning',
    cwe: [1104],
    fixable: true,
  },
  visitors: {},
  imports(record, context) {
    const packages = context.packages;
    const specifier = runtimeSpecifier(record);
    if (!packages?.manifest || specifier?.kind !== 'package') return;
    const { name } = specifier;
    if (packages.isDeclared(name) || packages.resolvesLocally(record.specifier!)) return;
    const installed = packages.installed(name);
    if (!installed) return;
    const field = isTestFile(context.filePath) ? 'devDependencies' : 'dependencies';
    // The lockfile describes the project's own node_modules: the import must resolve there for its version to count.
    const topLevel = installed.manifestPath === join(dirname(packages.manifest.path), 'node_modules', name, 'package.json');
    const lockedByNpm = topLevel && installed.version !== undefined && packages.npmLockedVersion(name) === installed.version;
    const fix = installed.version ? declareDependencyFix(packages.manifest, name, installed.version, field, lockedByNpm) : undefined;
    const version = installed.version ? ` (${installed.version} is installed)` : '';
    context.report({
      node: record.range,
      package: name,
      message: `Undeclared dependency: ${importLead(context.isNewImport(name), `'${name}'`)}, which package.json does not declare${version}; it is installed only as another package's dependency.`,
      confidence: 'high',
      fixes: fix ? [fix] : [],
    });
  },
};
