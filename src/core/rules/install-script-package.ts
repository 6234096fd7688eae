// install-script-package: a new import of an installed package that runs scripts when it is installed.
import type { Rule } from '../rule';
import { runtimeSpecifier } from '../imports/checks';

export const installScriptPackage: Rule = {
  meta: {
    id: 'install-script-package',
    category: 'supply-chain',
    title: 'New import of a package with install scripts',
    description:
      'A newly imported (or newly declared) package whose installed version declares preinstall, install or postinstall scripts (or builds native code): it runs code on every machine that installs it.',
    severity: 'warning',
    cwe: [829],
    fixable: false,
  },
  visitors: {},
  imports(record, context) {
    const specifier = runtimeSpecifier(record);
    if (specifier?.kind !== 'package' || !context.isNewImport(specifier.name)) return;
    const installed = context.packages?.installed(specifier.name);
    if (!installed || installed.installScripts.length === 0) return;
    const version = installed.version ? ` ${installed.version}` : '';
    context.report({
      node: record.range,
      message: `New import of '${specifier.name}', whose installed version${version} runs install scripts (${installed.installScripts.join(', ')}): code that runs on every npm install. Review what they do.`,
      confidence: 'high',
    });
  },
  dependencies(dependency, context) {
    if (!context.isNewImport(dependency.name)) return;
    const installed = context.packages?.installed(dependency.name);
    if (!installed || installed.installScripts.length === 0) return;
    const version = installed.version ? ` ${installed.version}` : '';
    context.report({
      node: dependency.nameRange,
      message: `'${dependency.name}', added to ${dependency.field}, runs install scripts in its installed version${version} (${installed.installScripts.join(', ')}): code that runs on every npm install. Review what they do.`,
      confidence: 'high',
    });
  },
};
