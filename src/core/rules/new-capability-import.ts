// new-capability-import: a new import of a Node built-in that gives the file a powerful capability.
import type { Rule } from '../rule';
import { runtimeSpecifier } from '../imports/checks';

/** Built-ins that let code do more than compute: run programs, evaluate code, listen or connect, debug. */
const CAPABILITIES = new Map(Object.entries({
  child_process: 'shell and process execution',
  vm: 'code evaluation',
  worker_threads: 'background threads',
  cluster: 'process forking',
  net: 'raw network sockets',
  dgram: 'UDP sockets',
  tls: 'TLS sockets',
  http: 'HTTP servers and requests',
  https: 'HTTPS servers and requests',
  http2: 'HTTP/2 servers and requests',
  inspector: 'the debugger protocol',
}));

export const newCapabilityImport: Rule = {
  meta: {
    id: 'new-capability-import',
    category: 'supply-chain',
    title: 'New capability from a Node built-in',
    description:
      'A file newly imports a Node built-in that adds a capability (process execution, code evaluation, sockets, servers, the inspector): worth a look in review.',
    severity: 'info',
    cwe: [250],
    fixable: false,
  },
  visitors: {},
  imports(record, context) {
    const specifier = runtimeSpecifier(record);
    if (specifier?.kind !== 'builtin') return;
    const module = specifier.name.split('/')[0];
    const capability = CAPABILITIES.get(module);
    if (!capability || !context.isNewImport(`node:${specifier.name}`)) return;
    context.report({
      node: record.range,
      message: `New capability: ${capability} (this file did not import '${module}' before).`,
      confidence: 'high',
    });
  },
};
