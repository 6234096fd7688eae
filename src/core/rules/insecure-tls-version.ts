// insecure-tls-version: TLS options that allow TLS 1.0/1.1 or SSL, and cipher lists that enable broken ciphers.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { memberPath, propertyName, removalRange, staticString, unwrap } from '../ast';

const OLD_VERSIONS = new Set(['TLSv1', 'TLSv1.1', 'SSLv3', 'SSLv2']);
/** OpenSSL method names that pin a broken protocol version (`SSLv23_method` and `TLS_method` negotiate the best one). */
const OLD_METHOD = /^(?:SSLv2|SSLv3|TLSv1|TLSv1_1)_(?:server_|client_)?method$/;
/**
 * Settings Node refuses outright (checked on Node 20 and 24): SSL methods throw ERR_TLS_INVALID_PROTOCOL_METHOD and
 * SSL versions ERR_TLS_INVALID_PROTOCOL_VERSION when a TLS context is created, so code using them cannot work today
 * and replacing them changes nothing that works.
 */
const REFUSED_METHOD = /^SSLv[23]_/;
const REFUSED_VERSIONS = new Set(['SSLv2', 'SSLv3']);
/** Cipher-string parts that switch on ciphers without encryption, authentication or adequate strength. */
const WEAK_CIPHER_PARTS = new Set(['NULL', 'ENULL', 'ANULL', 'EXPORT', 'EXP', 'EXPORT40', 'EXPORT56', 'LOW', 'RC4', 'RC2', 'DES', '3DES', 'MD5', 'ADH', 'AECDH', 'IDEA']);
const CIPHER_OWNERS = /^(?:tls|https|node:tls|node:https)\.DEFAULT_CIPHERS$/;

/** The weak parts a cipher list switches on: `RC4-SHA`, `NULL`, `ALL` without `!aNULL`, `@SECLEVEL=0`. */
function weakCiphers(list: string): string[] {
  const tokens = list.split(/[\s:,]+/).filter(Boolean);
  const removed = new Set(tokens.filter((token) => /^[!-]/.test(token)).map((token) => token.slice(1).toUpperCase()));
  const weak: string[] = [];
  for (const token of tokens) {
    if (/^[!\-+]/.test(token)) continue;
    if (/@SECLEVEL=0$/i.test(token)) {
      weak.push(token);
      continue;
    }
    if (token.toUpperCase() === 'ALL' && !removed.has('ANULL') && !removed.has('ADH')) {
      weak.push(token);
      continue;
    }
    // OpenSSL names (DES-CBC3-SHA) and IANA names (TLS_RSA_WITH_RC4_128_SHA); CBC3 or SHA alone are fine.
    const parts = token.toUpperCase().split(/[-_]/);
    if (parts.some((part) => WEAK_CIPHER_PARTS.has(part)) && !removed.has(token.toUpperCase())) weak.push(token);
  }
  return weak;
}

function textOf(node: Node, context: RuleContext): string | undefined {
  const value = context.evaluate(node);
  return staticString(node) ?? (value.kind === 'constant' ? value.text : undefined);
}

function versionFix(value: Node, replacement: string, consequence: string, version: string): Fix {
  const refused = REFUSED_VERSIONS.has(version);
  return {
    title: refused
      ? `Use '${replacement}' (safe: Node refuses ${version} and throws when it creates the TLS context, so this setting cannot work today)`
      : `Use '${replacement}' (review: ${consequence})`,
    safety: refused ? 'safe' : 'review',
    edits: [{ range: [value.range[0], value.range[1]], text: `'${replacement}'` }],
  };
}

/** A sibling `minVersion`/`maxVersion` written as a string: Node then throws ERR_TLS_PROTOCOL_VERSION_CONFLICT for any secureProtocol. */
function versionSibling(node: TSESTree.Property, context: RuleContext): string | undefined {
  const object = node.parent as TSESTree.ObjectExpression;
  for (const property of object.properties) {
    if (property === node || property.type !== 'Property') continue;
    const name = propertyName(property);
    if ((name === 'minVersion' || name === 'maxVersion') && textOf(property.value, context) !== undefined) return name;
  }
  return undefined;
}

/**
 * Removing the option rather than writing minVersion keeps a later `options.secureProtocol = ...` or a spread from
 * colliding with a new minVersion; without it Node's defaults (TLS 1.2 and 1.3) apply.
 */
function methodFix(node: TSESTree.Property, method: string, context: RuleContext): Fix {
  const object = node.parent as TSESTree.ObjectExpression;
  const sibling = versionSibling(node, context);
  const remove = [{ range: removalRange(node, (node.parent as TSESTree.ObjectExpression).properties, context.text), text: '' }];
  if (sibling && !object.properties.some((property) => property.type === 'SpreadElement')) {
    return {
      title: `Remove 'secureProtocol' (safe: Node throws when secureProtocol is combined with ${sibling}, so these options cannot work today)`,
      safety: 'safe',
      edits: remove,
    };
  }
  if (REFUSED_METHOD.test(method)) {
    return {
      title: `Remove 'secureProtocol' to use Node's defaults, TLS 1.2 and 1.3 (safe: Node refuses ${method} and throws when it creates the TLS context, so this setting cannot work today)`,
      safety: 'safe',
      edits: remove,
    };
  }
  if (sibling) {
    return {
      title: `Remove 'secureProtocol' and keep ${sibling} (review: the spread options decide whether this code works today)`,
      safety: 'review',
      edits: remove,
    };
  }
  return {
    title: "Replace it with minVersion: 'TLSv1.2' (review: clients limited to TLS 1.0/1.1 can no longer connect)",
    safety: 'review',
    edits: [{ range: [node.range[0], node.range[1]], text: "minVersion: 'TLSv1.2'" }],
  };
}

function checkVersion(node: Node, value: Node, name: string, version: string, context: RuleContext): void {
  const minimum = name === 'minVersion' || name === 'DEFAULT_MIN_VERSION';
  context.report({
    node,
    message: minimum
      ? `'${name}: ${version}' lets connections fall back to ${version}, whose known weaknesses (BEAST, POODLE, SHA-1 handshakes) let a network attacker downgrade and decrypt traffic; require TLS 1.2 or later.`
      : `'${name}: ${version}' caps connections at ${version}, a protocol with known weaknesses that browsers and PCI DSS no longer accept; allow TLS 1.2 and 1.3.`,
    confidence: 'high',
    fixes: [
      minimum
        ? versionFix(value, 'TLSv1.2', 'clients limited to TLS 1.0/1.1 can no longer connect', version)
        : versionFix(value, 'TLSv1.3', 'peers that only speak the old version can no longer connect', version),
    ],
  });
}

function checkProperty(node: TSESTree.Property, context: RuleContext): void {
  if (node.parent?.type !== 'ObjectExpression' || node.kind !== 'init') return;
  const name = propertyName(node);
  if (name !== 'minVersion' && name !== 'maxVersion' && name !== 'secureProtocol' && name !== 'ciphers') return;
  const text = textOf(node.value, context);
  if (text === undefined) return;
  if (name === 'minVersion' || name === 'maxVersion') {
    if (OLD_VERSIONS.has(text)) checkVersion(node, node.value, name, text, context);
    return;
  }
  if (name === 'secureProtocol') {
    if (!OLD_METHOD.test(text)) return;
    context.report({
      node,
      message: `'secureProtocol: ${text}' pins the connection to an obsolete protocol version with known weaknesses that let a network attacker downgrade and decrypt traffic; use minVersion: 'TLSv1.2'.`,
      confidence: 'high',
      fixes: [methodFix(node, text, context)],
    });
    return;
  }
  const weak = weakCiphers(text);
  if (weak.length === 0) return;
  context.report({
    node,
    message: `The cipher list enables ${weak.slice(0, 3).map((token) => `'${token}'`).join(', ')}: ciphers without encryption or authentication, or with broken algorithms, that let a network attacker read or alter the traffic.`,
    confidence: 'high',
    fixes: [
      {
        title: "Remove the 'ciphers' option to use Node's default cipher list (review: peers that only support these ciphers can no longer connect)",
        safety: 'review',
        edits: [{ range: removalRange(node, (node.parent as TSESTree.ObjectExpression).properties, context.text), text: '' }],
      },
    ],
  });
}

/** `tls.DEFAULT_MIN_VERSION = 'TLSv1'`, `tls.DEFAULT_CIPHERS = '...:RC4'`. */
function checkAssignment(node: TSESTree.AssignmentExpression, context: RuleContext): void {
  if (node.operator !== '=') return;
  const target = unwrap(node.left);
  if (target.type !== 'MemberExpression') return;
  const name = context.qualifiedName(target) ?? memberPath(target);
  if (name === undefined) return;
  const text = textOf(node.right, context);
  if (text === undefined) return;
  if (/^(?:tls|node:tls)\.DEFAULT_MIN_VERSION$/.test(name) && OLD_VERSIONS.has(text)) {
    checkVersion(node, node.right, 'DEFAULT_MIN_VERSION', text, context);
  } else if (/^(?:tls|node:tls)\.DEFAULT_MAX_VERSION$/.test(name) && OLD_VERSIONS.has(text)) {
    checkVersion(node, node.right, 'DEFAULT_MAX_VERSION', text, context);
  } else if (CIPHER_OWNERS.test(name)) {
    const weak = weakCiphers(text);
    if (weak.length === 0) return;
    context.report({
      node,
      message: `The default cipher list enables ${weak.slice(0, 3).map((token) => `'${token}'`).join(', ')} for every TLS connection of the process: ciphers without encryption or authentication, or with broken algorithms.`,
      confidence: 'high',
    });
  }
}

export const insecureTlsVersion: Rule = {
  meta: {
    id: 'insecure-tls-version',
    category: 'transport',
    title: 'Obsolete TLS version or weak cipher suites',
    description: 'minVersion TLSv1/TLSv1.1, SSL or TLS 1.0 methods, and cipher lists with NULL, EXPORT, RC4, DES or MD5 suites leave connections open to downgrade and decryption.',
    severity: 'error',
    cwe: [327],
    fixable: true,
  },
  visitors: {
    Property: checkProperty,
    AssignmentExpression: checkAssignment,
  },
};
