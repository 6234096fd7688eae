// weak-password-hashing: PBKDF2, bcrypt, scrypt and Argon2 with work factors too low for password storage.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { isFunction, memberPath, propertyName, staticString, unwrap } from '../ast';
import { nameWords, secretNameKind } from '../secrets';
import { constantNumber, optionProperty, resolveInit, resolveObject } from '../static-value';
import { flatten } from '../url-flow';
import { isTestFile } from '../test-files';

/** Below this PBKDF2 count a password hash is weak whatever the digest (OWASP 2023: 600,000 for SHA-256). */
const MIN_PBKDF2 = 100_000;
/** OWASP's PBKDF2 counts per digest, used by the fix. */
const PBKDF2_TARGET: Record<string, number> = { sha1: 1_300_000, sha256: 600_000, sha512: 210_000 };
const MIN_BCRYPT = 10;
/** Node's own default scrypt cost (N = 2^14). */
const MIN_SCRYPT = 16_384;
/** OWASP's Argon2id settings trade memory for passes: m=47104/t=1, 19456/2, 12288/3, 9216/4, 7168/5 (KiB). */
const MIN_ARGON2_MEMORY = 7_168;
const MIN_ARGON2_WORK = 35_840;
const ARGON2_DEFAULT_TIME = 3;

const PBKDF2 = new Set(['crypto.pbkdf2', 'crypto.pbkdf2Sync', 'pbkdf2.pbkdf2', 'pbkdf2.pbkdf2Sync']);
const FORGE_PBKDF2 = /(?:^|\.)pkcs5\.pbkdf2$/;
const CRYPTO_JS_PBKDF2 = new Set(['crypto-js.PBKDF2', 'CryptoJS.PBKDF2', 'crypto-js/pbkdf2']);
const WEBCRYPTO_DERIVE = /(?:^|\.)subtle\.derive(?:Key|Bits)$/;
const BCRYPT = /^(?:bcrypt|bcryptjs|bcrypt-ts|bcrypt-nodejs)\.(hash|hashSync|genSalt|genSaltSync)$/;
const SCRYPT = new Set(['crypto.scrypt', 'crypto.scryptSync']);
const SCRYPT_JS = new Set(['scrypt-js.scrypt', 'scrypt-js.syncScrypt']);
const ARGON2 = /^(?:argon2|@node-rs\/argon2)\.(hash|hashSync|hashRaw|hashRawSync)$/;

/** Words that say a KDF input is a key or token (high entropy), not a password: a low count is then fine. */
const KEY_WORDS = new Set(['key', 'secret', 'master', 'token', 'seed', 'entropy', 'random', 'shared']);

/**
 * How sure the input is a password: high for request input or a password-named value, medium for a name that says
 * nothing; undefined for keys and secrets, which do not need a slow hash.
 */
function passwordConfidence(input: Node | undefined, call: Node, context: RuleContext): Confidence | undefined {
  if (!input) return undefined;
  const value = context.evaluate(input);
  if (value.kind === 'tainted' || value.kind === 'source') return 'high';
  const inner = unwrap(input);
  const path = memberPath(inner) ?? (inner.type === 'CallExpression' ? memberPath(inner.callee) : undefined);
  const name = path?.slice(path.lastIndexOf('.') + 1);
  if (name !== undefined) {
    const kind = secretNameKind(name);
    if (kind === 'password') return 'high';
    const words = nameWords(name);
    if (kind || words.some((word) => KEY_WORDS.has(word))) return undefined;
    if (words.some((word) => /^(?:pass|pwd|passphrase|pin)/.test(word))) return 'high';
  }
  return /passw|passphrase/i.test(enclosingSource(call, context)) ? 'high' : 'medium';
}

/** General-purpose digests: sound, but fast. MD5 and SHA-1 are weak-hash's, which says the same for passwords. */
const FAST_DIGESTS = /^(?:sha-?(?:224|256|384|512)(?:[-/](?:224|256))?|sha3-(?:224|256|384|512)|blake2[bs](?:256|512)|shake(?:128|256)|sm3)$/i;

/** Whether the hashed data holds a value named as a password: `password`, `salt + password`, `${newPassword}${pepper}`. */
function holdsPassword(data: Node): boolean {
  return flatten(data).some((part) => {
    if (!('node' in part)) return false;
    const path = memberPath(unwrap(part.node));
    const name = path?.slice(path.lastIndexOf('.') + 1);
    // The last word decides: `passwordHash` is already hashed.
    return secretNameKind(name) === 'password';
  });
}

/**
 * `createHash('sha256').update(password)` and `crypto.hash('sha256', password)`: one round of a fast hash. A leaked
 * table of them is guessed at GPU speed, salt or not; only a deliberately slow hash stands in the way.
 */
function fastHash(node: TSESTree.CallExpression, name: string | undefined, context: RuleContext): void {
  let algorithm: Node | undefined;
  let data: Node | undefined;
  const callee = unwrap(node.callee);
  if (name === 'crypto.hash') {
    [algorithm, data] = node.arguments;
  } else if (callee.type === 'MemberExpression' && propertyName(callee) === 'update') {
    // The hash object in place, or a variable holding it: `const hash = crypto.createHash('sha256'); hash.update(pw)`.
    const hash = resolveInit(callee.object, context);
    if (hash?.type !== 'CallExpression' || context.qualifiedName(hash.callee) !== 'crypto.createHash') return;
    [algorithm] = hash.arguments;
    [data] = node.arguments;
  }
  if (!algorithm || !data || data.type === 'SpreadElement' || !holdsPassword(data)) return;
  const digest = staticString(resolveInit(algorithm, context));
  if (digest === undefined || !FAST_DIGESTS.test(digest)) return;
  context.report({
    node,
    message: `A password hashed with one round of ${digest.toUpperCase().replace(/^SHA(\d{3})/, 'SHA-$1')}, a fast hash: a leaked table of these is guessed at billions of passwords per second on one GPU, salted or not. Hash passwords with Argon2id, scrypt or bcrypt (or PBKDF2 with 600,000 iterations).`,
    confidence: 'high',
  });
}

/** A salt written in the code: a string, or `Buffer.from('...')`, directly or through a constant. */
function constantSalt(salt: Node | undefined, context: RuleContext): boolean {
  const inner = resolveInit(salt, context);
  if (!inner) return false;
  if (staticString(inner) !== undefined) return true;
  return inner.type === 'CallExpression' && context.qualifiedName(inner.callee) === 'Buffer.from' && staticString(resolveInit(inner.arguments[0] as Node | undefined, context)) !== undefined;
}

/** PBKDF2 or scrypt of a password with one salt for everyone: equal passwords get equal hashes, and one table cracks them all. */
function staticSalt(call: TSESTree.CallExpression, name: string, context: RuleContext): void {
  const [input, salt] = call.arguments;
  if (!constantSalt(salt, context) || passwordConfidence(input, call, context) !== 'high') return;
  context.report({
    node: salt,
    message: `${name.replace(/^crypto\./, '')}() hashes the password with a salt written in the code: users with the same password get the same hash, and one precomputed table serves every account. Use crypto.randomBytes(16) per password and store it with the hash.`,
    confidence: 'high',
  });
}

function enclosingSource(node: Node, context: RuleContext): string {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (isFunction(current)) return context.source(current);
  }
  return context.text;
}

function literalFix(node: Node | undefined, value: number, title: string, safety: 'safe' | 'review'): Fix | undefined {
  const inner = node && unwrap(node);
  if (!inner || inner.type !== 'Literal' || typeof inner.value !== 'number') return undefined;
  return { title, safety, edits: [{ range: [inner.range[0], inner.range[1]], text: String(value) }] };
}

function pbkdf2(count: Node | TSESTree.Property | undefined, digest: string | undefined, confidence: () => Confidence | undefined, context: RuleContext): void {
  if (!count) return;
  const value = count.type === 'Property' ? count.value : count;
  const iterations = constantNumber(value, context);
  if (iterations === undefined || iterations >= MIN_PBKDF2) return;
  const level = confidence();
  if (!level) return;
  const algorithm = digest?.toLowerCase().replace(/-/g, '');
  const known = algorithm !== undefined && Object.hasOwn(PBKDF2_TARGET, algorithm);
  const target = known ? PBKDF2_TARGET[algorithm] : PBKDF2_TARGET.sha256;
  const fix = literalFix(value, target, `Use ${target} iterations (review: passwords hashed with the old count verify only if each hash stores its own count)`, 'review');
  context.report({
    node: count,
    message: `PBKDF2 with ${iterations} iterations makes each password guess cheap, so a leaked hash is cracked quickly on GPUs; OWASP asks for ${target.toLocaleString('en-US')} iterations with ${known ? algorithm.toUpperCase().replace('SHA', 'SHA-') : 'SHA-256'}.`,
    confidence: level,
    fixes: fix ? [fix] : [],
  });
}

function bcrypt(call: TSESTree.CallExpression, method: string, context: RuleContext): void {
  const rounds = method.startsWith('genSalt') ? call.arguments[0] : call.arguments[1];
  if (!rounds) return;
  const cost = constantNumber(rounds, context);
  if (cost === undefined || cost >= MIN_BCRYPT) return;
  const fix = literalFix(rounds, MIN_BCRYPT, 'Use cost 10 (safe: each bcrypt hash stores its own cost, so existing hashes still verify)', 'safe');
  context.report({
    node: rounds,
    message: `bcrypt cost ${cost} is below the minimum of 10, so each password guess is cheap and a leaked hash is cracked quickly.`,
    confidence: 'high',
    fixes: fix ? [fix] : [],
  });
}

function scrypt(call: TSESTree.CallExpression, cost: Node | TSESTree.Property | undefined, input: Node | undefined, context: RuleContext): void {
  if (!cost) return;
  const value = cost.type === 'Property' ? cost.value : cost;
  const n = constantNumber(value, context);
  if (n === undefined || n >= MIN_SCRYPT) return;
  const confidence = passwordConfidence(input, call, context);
  if (!confidence) return;
  const fix = literalFix(value, MIN_SCRYPT, 'Use N = 16384 (review: hashes made with the old N verify only if each hash stores its own parameters)', 'review');
  context.report({
    node: cost,
    message: `scrypt with cost N = ${n} is below Node's default of 16384, so each password guess needs little memory and time and leaked hashes are cracked quickly.`,
    confidence,
    fixes: fix ? [fix] : [],
  });
}

function argon2(call: TSESTree.CallExpression, method: string, context: RuleContext): void {
  const options = resolveObject(call.arguments[1], context);
  if (!options) return;
  const memory = optionProperty(options, 'memoryCost', context);
  const time = optionProperty(options, 'timeCost', context);
  if (!memory) return;
  const m = constantNumber(memory.value, context);
  const t = time ? constantNumber(time.value, context) : ARGON2_DEFAULT_TIME;
  if (m === undefined || t === undefined) return;
  if (m >= MIN_ARGON2_MEMORY && m * t >= MIN_ARGON2_WORK) return;
  const raw = /Raw/.test(method) || optionProperty(options, 'raw', context)?.value.type === 'Literal';
  const edits: Fix['edits'] = [];
  const memoryLiteral = unwrap(memory.value);
  const timeLiteral = time ? unwrap(time.value) : undefined;
  const memoryOk = m >= 19_456;
  if (!memoryOk && memoryLiteral.type === 'Literal') edits.push({ range: [memoryLiteral.range[0], memoryLiteral.range[1]], text: '19456' });
  if (t < 2 && timeLiteral?.type === 'Literal') edits.push({ range: [timeLiteral.range[0], timeLiteral.range[1]], text: '2' });
  const complete = edits.length > 0 && (memoryOk || memoryLiteral.type === 'Literal') && (t >= 2 || timeLiteral?.type === 'Literal');
  const fix: Fix | undefined = complete
    ? raw
      ? { title: 'Use at least 19 MiB and 2 passes (review: raw hashes made with the old settings no longer match)', safety: 'review', edits }
      : { title: 'Use at least 19 MiB and 2 passes (safe: each Argon2 hash stores its own settings, so existing hashes still verify)', safety: 'safe', edits }
    : undefined;
  context.report({
    node: m < MIN_ARGON2_MEMORY || !time ? memory : time,
    message: `Argon2 with ${m} KiB of memory and ${t} pass${t === 1 ? '' : 'es'} is below OWASP's minimum (19 MiB with 2 passes, or an equivalent), so password guesses are cheap on GPUs.`,
    confidence: 'high',
    fixes: fix ? [fix] : [],
  });
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  if (isTestFile(context.filePath)) return;
  const name = context.qualifiedName(node.callee);
  if (name === undefined || name.endsWith('.update')) {
    // `crypto.createHash(...).update(...)`: the hash object has no name of its own.
    fastHash(node, name, context);
    return;
  }
  const args = node.arguments;
  if (PBKDF2.has(name) || SCRYPT.has(name)) staticSalt(node, name, context);
  if (PBKDF2.has(name) || FORGE_PBKDF2.test(name)) {
    pbkdf2(args[2], staticString(resolveInit(args[4], context)), () => passwordConfidence(args[0], node, context), context);
    return;
  }
  if (CRYPTO_JS_PBKDF2.has(name)) {
    const hasher = args[2] ? optionProperty(args[2], 'hasher', context) : undefined;
    // Without a hasher the digest depends on the crypto-js version (SHA-1 before 4.2, SHA-256 since).
    const digest = hasher ? /SHA(\d+)/i.exec(context.source(hasher.value))?.[0] : undefined;
    pbkdf2(optionProperty(args[2], 'iterations', context), digest, () => passwordConfidence(args[0], node, context), context);
    return;
  }
  if (WEBCRYPTO_DERIVE.test(name)) {
    const params = args[0];
    if (staticString(resolveInit(optionProperty(params, 'name', context)?.value, context))?.toUpperCase() !== 'PBKDF2') return;
    const hash = optionProperty(params, 'hash', context)?.value;
    const digest = hash ? staticString(resolveInit(hash, context)) ?? staticString(resolveInit(optionProperty(hash, 'name', context)?.value, context)) : undefined;
    // The base key is a CryptoKey imported from the secret; the surrounding code says whether that was a password.
    const confidence = (): Confidence => (/passw|passphrase/i.test(enclosingSource(node, context)) ? 'high' : 'medium');
    pbkdf2(optionProperty(params, 'iterations', context), digest, confidence, context);
    return;
  }
  const bcryptMatch = BCRYPT.exec(name);
  if (bcryptMatch) {
    bcrypt(node, bcryptMatch[1], context);
    return;
  }
  if (SCRYPT.has(name)) {
    const options = args[3];
    scrypt(node, optionProperty(options, 'N', context) ?? optionProperty(options, 'cost', context), args[0], context);
    return;
  }
  if (SCRYPT_JS.has(name)) {
    scrypt(node, args[2], args[0], context);
    return;
  }
  const argon = ARGON2.exec(name);
  if (argon) argon2(node, argon[1], context);
  else if (name === 'crypto.hash') fastHash(node, name, context);
}

export const weakPasswordHashing: Rule = {
  meta: {
    id: 'weak-password-hashing',
    category: 'crypto',
    title: 'Weak password hashing parameters',
    description: 'Passwords hashed with one round of SHA-256 or another fast hash, PBKDF2 under 100,000 iterations, bcrypt under cost 10, scrypt under N = 16384 and Argon2 under OWASP\'s memory and time minimums make stolen password hashes cheap to crack.',
    severity: 'error',
    cwe: [916],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
  },
};

