// tls-verification-disabled: certificate checks switched off in Node, request libraries and the environment.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { memberPath, propertyName, staticString, unwrap } from '../ast';
import { isTestFile } from '../test-files';

/** Option names that, set to false, accept any certificate. */
const VERIFY_OPTIONS = new Set(['rejectUnauthorized', 'strictSSL', 'verifySSL', 'checkServerIdentity']);
/** Option names that, set to true, accept any certificate. */
const INSECURE_OPTIONS = new Set(['insecure', 'allowInsecure', 'ignoreHTTPSErrors', 'acceptInsecureCerts']);
/** Names general enough to mean something else in a data table (`{ insecure: true, risk: '…' }`). */
const GENERIC_OPTIONS = new Set(['insecure', 'allowInsecure']);
/** Keys that sit beside TLS settings in connection options. */
const CONNECTION_KEYS = /^(?:host(?:name)?|port|url|uri|base_?url|endpoint|servers?|address|ca|cert|key|pfx|servername|tls|ssl|https?|secure|protocol|agent|proxy|timeout|headers|auth|username|user|password|token|credentials)$/i;
/** Names of options objects, or of the setting that holds them. */
const CONNECTION_HOLDER = /tls|ssl|https|agent|connect|client|transport|request|fetch|proxy|option|config|setting/i;

function checkProperty(node: TSESTree.Property, context: RuleContext): void {
  // Tests talk to throwaway servers with self-signed certificates on purpose.
  if (isTestFile(context.filePath)) return;
  const name = propertyName(node);
  if (name === undefined || node.parent?.type !== 'ObjectExpression') return;
  const value = unwrap(node.value);
  if (value.type !== 'Literal') return;
  const disabling =
    (VERIFY_OPTIONS.has(name) && name !== 'checkServerIdentity' && (value.value === false || value.value === 0 || value.value === 'false')) ||
    (INSECURE_OPTIONS.has(name) && value.value === true);
  if (!disabling) return;
  if (GENERIC_OPTIONS.has(name) && !connectionOptions(node.parent)) return;
  const safeValue = VERIFY_OPTIONS.has(name) ? 'true' : 'false';
  context.report({
    node,
    message: `'${name}: ${context.source(value)}' accepts any TLS certificate, so anyone on the network path can read and alter the traffic.`,
    confidence: 'high',
    fixes: [
      {
        title: `Set '${name}' to ${safeValue} (review: connections to servers with self-signed certificates will fail)`,
        safety: 'review',
        edits: [{ range: [value.range[0], value.range[1]], text: safeValue }],
      },
    ],
  });
}

/**
 * Whether an object holding `insecure: true` is a set of connection options: passed to a call, held by a name
 * that says so, or beside keys such as host, url or ca. A table entry such as `{ insecure: true, risk: '…' }` is not.
 */
function connectionOptions(object: TSESTree.ObjectExpression): boolean {
  if (object.properties.some((property) => property.type === 'Property' && CONNECTION_KEYS.test(propertyName(property) ?? ''))) return true;
  const holder = object.parent;
  if ((holder?.type === 'CallExpression' || holder?.type === 'NewExpression') && holder.arguments.includes(object)) return true;
  const holderName =
    holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' ? holder.id.name
      : holder?.type === 'Property' ? propertyName(holder)
        : undefined;
  return holderName !== undefined && CONNECTION_HOLDER.test(holderName);
}

/** process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0' turns verification off for the whole process. */
function checkAssignment(node: TSESTree.AssignmentExpression, context: RuleContext): void {
  if (isTestFile(context.filePath)) return;
  const target = memberPath(node.left);
  if (target !== 'process.env.NODE_TLS_REJECT_UNAUTHORIZED') return;
  const value = staticString(node.right) ?? (unwrap(node.right).type === 'Literal' ? String((unwrap(node.right) as TSESTree.Literal).value) : undefined);
  if (value !== '0') return;
  const statement = node.parent?.type === 'ExpressionStatement' ? node.parent : undefined;
  context.report({
    node,
    message: 'NODE_TLS_REJECT_UNAUTHORIZED=0 disables certificate verification for every TLS connection the process makes.',
    confidence: 'high',
    fixes: statement
      ? [{ title: 'Remove the assignment (review: connections to servers with untrusted certificates will fail)', safety: 'review', edits: [{ range: [statement.range[0], statement.range[1]], text: '' }] }]
      : [],
  });
}

export const tlsVerificationDisabled: Rule = {
  meta: {
    id: 'tls-verification-disabled',
    category: 'transport',
    title: 'TLS certificate verification disabled',
    description: 'Options such as rejectUnauthorized: false or NODE_TLS_REJECT_UNAUTHORIZED=0 make TLS accept any certificate.',
    severity: 'error',
    cwe: [295],
    fixable: true,
  },
  visitors: {
    Property: checkProperty,
    AssignmentExpression: checkAssignment,
  },
};
