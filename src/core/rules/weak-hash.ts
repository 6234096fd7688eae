// weak-hash: MD5, SHA-1 and other broken hashes used where the hash protects something.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isTestFile } from '../test-files';
import type { Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { assignedName, isFunction, propertyName, staticString, unwrap } from '../ast';

const WEBSOCKET_ACCEPT = /sec-websocket-accept/i;
/** The Pwned Passwords range API (api.pwnedpasswords.com), or code named for it (`pwnedPrefix`). */
const PWNED_PASSWORDS = /pwned/i;

/** Algorithm names Node's createHash accepts for broken hashes, lower-cased, with a display name. */
/** Maps, not object literals: a lookup by a callee name such as `toString` must not find Object.prototype's. */
const WEAK_ALGORITHMS = new Map(Object.entries({
  md2: 'MD2',
  md4: 'MD4',
  md5: 'MD5',
  sha1: 'SHA-1',
  'sha-1': 'SHA-1',
  ripemd160: 'RIPEMD-160',
  'ripemd-160': 'RIPEMD-160',
  rmd160: 'RIPEMD-160',
}));
const HASH_FUNCTIONS = new Set(['crypto.createHash', 'crypto.hash']);
const DIGEST_FUNCTIONS = /(?:^|\.)subtle\.digest$/;
/** Library functions that are a weak hash by name. */
const LIBRARY_HASHES = new Map(Object.entries({
  md5: 'MD5',
  'blueimp-md5': 'MD5',
  'js-md5': 'MD5',
  'js-md5.md5': 'MD5',
  sha1: 'SHA-1',
  'crypto-js.MD5': 'MD5',
  'crypto-js.SHA1': 'SHA-1',
  'crypto-js/md5': 'MD5',
  'crypto-js/sha1': 'SHA-1',
  'CryptoJS.MD5': 'MD5',
  'CryptoJS.SHA1': 'SHA-1',
}));

/** Words that make a hash security-relevant. */
const SECURITY_WORDS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'pass', 'passphrase', 'pin', 'token', 'tokens', 'secret', 'secrets',
  'signature', 'sig', 'sign', 'signed', 'auth', 'authn', 'authz', 'session', 'sessions', 'apikey', 'otp', 'totp',
  'credential', 'credentials', 'creds', 'salt', 'salted', 'login', 'hmac', 'nonce', 'csrf', 'xsrf', 'pw',
]);
/** Words that mark a hash as an identifier or checksum of non-secret data. */
const BENIGN_WORDS = new Set([
  'etag', 'cache', 'cached', 'checksum', 'checksums', 'fingerprint', 'gravatar', 'avatar', 'dedupe', 'dedup',
  'deduplicate', 'deduplication', 'md5sum', 'content', 'contents', 'file', 'files', 'filename', 'asset', 'assets',
  'bundle', 'chunk', 'shard', 'bucket', 'partition', 'color', 'colour', 'email', 'url', 'websocket', 'accept',
  'uuid', 'version', 'revision', 'image', 'upload', 'git', 'blob', 'lock', 'fixture', 'snapshot', 'mock', 'crc',
  'buffer', 'binary', 'stream', 'path', 'filepath', 'thumbnail', 'sprite', 'font', 'css', 'html', 'template', 'query', 'sql',
]);
/** The GUID of the WebSocket handshake, which RFC 6455 hashes with SHA-1. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Lower-case identifiers, their camelCase/snake_case words and adjacent word pairs: `generateETag` -> ..., e, tag, etag. */
function words(text: string): string[] {
  const result: string[] = [];
  for (const identifier of text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []) {
    result.push(identifier.toLowerCase());
    const parts = (identifier.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? []).map((part) => part.toLowerCase());
    if (parts.length > 1) result.push(...parts);
    for (let i = 0; i + 1 < parts.length; i++) result.push(parts[i] + parts[i + 1]);
  }
  return result;
}

function isSecurityWord(word: string): boolean {
  return SECURITY_WORDS.has(word) || /^(?:authenticat|authoriz)/.test(word);
}

/** Name of a function: its own, the method's, or the variable/property it is stored in. */
function functionName(fn: Node): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  if (fn.parent?.type === 'MethodDefinition') return propertyName(fn.parent);
  return assignedName(fn);
}

/** The outermost node of `createHash(a).update(x).digest()`, and the texts given to update(). */
function hashChain(call: TSESTree.CallExpression, context: RuleContext): { top: Node; inputs: string[] } {
  let top: Node = call;
  const inputs: string[] = [];
  for (;;) {
    const member: Node | undefined = top.parent;
    if (member?.type !== 'MemberExpression' || member.object !== top) break;
    const outer: Node | undefined = member.parent;
    if (outer?.type !== 'CallExpression' || outer.callee !== member) break;
    if (propertyName(member) === 'update') inputs.push(...outer.arguments.map((arg) => context.source(arg)));
    top = outer;
  }
  while (top.parent && (top.parent.type === 'AwaitExpression' || top.parent.type === 'TSAsExpression' || top.parent.type === 'TSNonNullExpression' || top.parent.type === 'ChainExpression')) {
    top = top.parent;
  }
  return { top, inputs };
}

/** Names of where the hash ends up: the variable or property, the other side of a comparison, the function. */
function destinationNames(hash: Node, context: RuleContext): string[] {
  const names: string[] = [];
  // `Buffer.from(md5(x))` and `.toString('base64')` only change the hash's type: where it goes says what it is for.
  let top = hash;
  for (;;) {
    const parent: Node | undefined = top.parent;
    if (parent?.type === 'CallExpression' && parent.arguments[0] === top && context.qualifiedName(parent.callee) === 'Buffer.from') top = parent;
    else if (parent?.type === 'MemberExpression' && parent.object === top && propertyName(parent) === 'toString' && parent.parent?.type === 'CallExpression' && parent.parent.callee === parent) top = parent.parent;
    else break;
  }
  // `cache:${md5(x)}`, 'v1-' + md5(x) and `a ? b : md5(x)` are stored under the name of the whole expression.
  let holder = top;
  for (;;) {
    const parent: Node | undefined = holder.parent;
    const passes =
      parent?.type === 'TemplateLiteral' ||
      parent?.type === 'LogicalExpression' ||
      (parent?.type === 'ConditionalExpression' && parent.test !== holder) ||
      (parent?.type === 'BinaryExpression' && parent.operator === '+');
    if (!passes || !parent) break;
    holder = parent;
  }
  const stored = assignedName(holder);
  if (stored) names.push(stored);
  const parent = top.parent;
  if (parent?.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(parent.operator)) {
    names.push(context.source(parent.left === top ? parent.right : parent.left));
  }
  if (parent?.type === 'CallExpression' && parent.arguments.includes(top as TSESTree.CallExpressionArgument)) {
    names.push(context.source(parent.callee));
    for (const arg of parent.arguments) {
      const text = staticString(arg);
      if (text !== undefined) names.push(text);
    }
  }
  // Only the nearest function: an anonymous callback says nothing, and outer names are too far away.
  for (let node: Node | undefined = top.parent; node; node = node.parent) {
    if (!isFunction(node)) continue;
    const name = functionName(node);
    if (name) names.push(name);
    break;
  }
  return names;
}

type Verdict = { relevance: 'security' | 'unknown'; password: boolean } | undefined;

/** Security use (high), no telling (medium), or clearly not security (undefined: not reported). */
function classify(destinations: string[], inputs: string[]): Verdict {
  const destinationWords = destinations.flatMap(words);
  const inputWords = inputs.flatMap(words);
  const password = [...destinationWords, ...inputWords].some((word) => /^(?:password|passwords|passwd|pwd|pw|pass|passphrase|pin)$/.test(word));
  if (destinationWords.some(isSecurityWord)) return { relevance: 'security', password };
  if (destinationWords.some((word) => BENIGN_WORDS.has(word))) return undefined;
  if (inputWords.some(isSecurityWord)) return { relevance: 'security', password };
  if (inputWords.some((word) => BENIGN_WORDS.has(word))) return undefined;
  return { relevance: 'unknown', password: false };
}

function message(algorithm: string, verdict: NonNullable<Verdict>): string {
  if (verdict.password) {
    return `${algorithm} is a fast, broken hash: password hashes made with it are cracked in bulk once leaked; use bcrypt, scrypt or argon2.`;
  }
  if (verdict.relevance === 'security') {
    return `${algorithm} is a broken hash (practical collisions, fast brute force) and does not protect this security value; use SHA-256 or stronger.`;
  }
  return `${algorithm} is a broken hash with practical collisions; if this value guards integrity or identity, an attacker can forge matching inputs; use SHA-256 or stronger.`;
}

function report(
  context: RuleContext,
  node: TSESTree.CallExpression,
  algorithm: string,
  inputs: string[],
  fix: Fix | undefined,
): void {
  const { top, inputs: updates } = hashChain(node, context);
  const allInputs = [...inputs, ...updates];
  if (algorithm === 'SHA-1' && (allInputs.some((text) => text.includes(WEBSOCKET_GUID)) || context.mentions(WEBSOCKET_ACCEPT))) return;
  // The Pwned Passwords range API is queried with the SHA-1 of the password by design.
  if (algorithm === 'SHA-1' && context.mentions(PWNED_PASSWORDS)) return;
  const verdict = classify(destinationNames(top, context), allInputs);
  if (!verdict) return;
  context.report({
    node,
    message: message(algorithm, verdict),
    confidence: verdict.relevance === 'security' ? 'high' : 'medium',
    fixes: fix ? [fix] : [],
  });
}

/** Replacement of the algorithm literal, keeping its quotes. */
function algorithmFix(literal: Node | undefined, context: RuleContext, replacement: 'sha256' | 'SHA-256'): Fix | undefined {
  if (!literal) return undefined;
  const inner = unwrap(literal);
  if (staticString(inner) === undefined) return undefined;
  const text = context.source(inner);
  const quote = text[0];
  return {
    title: `Use SHA-256 (review: hashes already stored or exchanged with other systems will no longer match)`,
    safety: 'review',
    edits: [{ range: [inner.range[0], inner.range[1]], text: `${quote}${replacement}${quote}` }],
  };
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const name = context.qualifiedName(node.callee);
  if (name === undefined) return;
  // Tests hash fixtures and protocol samples; a weak digest there protects nothing.
  if (isTestFile(context.filePath)) return;
  if (HASH_FUNCTIONS.has(name) || DIGEST_FUNCTIONS.test(name)) {
    const value = context.evaluate(node.arguments[0]);
    const algorithmText = staticString(node.arguments[0]) ?? (value.kind === 'constant' ? value.text : undefined);
    if (algorithmText === undefined) return;
    const algorithm = WEAK_ALGORITHMS.get(algorithmText.toLowerCase());
    if (!algorithm) return;
    const subtle = DIGEST_FUNCTIONS.test(name);
    const replacement = subtle ? 'SHA-256' as const : 'sha256' as const;
    // crypto.hash(algorithm, data) takes its input as the second argument.
    const inputs = name === 'crypto.hash' || subtle ? node.arguments.slice(1).map((arg) => context.source(arg)) : [];
    report(context, node, algorithm, inputs, algorithmFix(node.arguments[0], context, replacement));
    return;
  }
  const library = LIBRARY_HASHES.get(name);
  if (!library || node.arguments.length === 0) return;
  // A bare md5()/sha1() is the npm package only when the file imports it; otherwise it may be a local helper
  // whose own createHash call is already reported.
  const imported = name.includes('.') || name.includes('/') || context.mentions(new RegExp(`['"]${name}['"]`));
  if (imported) report(context, node, library, node.arguments.map((arg) => context.source(arg)), undefined);
}

export const weakHash: Rule = {
  meta: {
    id: 'weak-hash',
    category: 'crypto',
    title: 'Weak hash algorithm',
    description: 'MD5, SHA-1, MD4, MD2 and RIPEMD-160 have practical collisions or are too fast to protect passwords, tokens or signatures.',
    severity: 'warning',
    cwe: [328],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
  },
};
