// dependency-not-locked: a dependency added to package.json that the project's lockfile does not list.
import type { Rule } from '../rule';

export const dependencyNotLocked: Rule = {
  meta: {
    id: 'dependency-not-locked',
    category: 'supply-chain',
    title: 'Added dependency missing from the lockfile',
    description:
      'A dependency added to package.json that the lockfile (package-lock.json, yarn.lock, pnpm-lock.yaml) does not list: it was written by hand or by an assistant, never installed, and its version is not pinned.',
    severity: 'warning',
    cwe: [1104],
    fixable: false,
  },
  visitors: {},
  dependencies(dependency, context) {
    if (!context.isNewImport(dependency.name) || dependency.field === 'peerDependencies') return;
    if (context.packages?.isLocked(dependency.name) !== false) return;
    context.report({
      node: dependency.nameRange,
      package: dependency.name,
      message: `'${dependency.name}', added to ${dependency.field}, is not in the lockfile: it has not been installed, and nothing pins its version. Run the package manager's install and review what it adds.`,
      confidence: 'high',
    });
  },
};
