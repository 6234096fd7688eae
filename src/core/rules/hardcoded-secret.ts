// hardcoded-secret: credentials written into the source: provider keys, passwords, JWT/session/cookie secrets.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import type { Confidence, Fix, Node } from '../types';
import { assignedName, memberPath, propertyName } from '../ast';
import {
  characterClasses,
  envVarName,
  findProviderSecret,
  isEnvVarName,
  isHashFormat,
  isNonSecretShape,
  isPlaceholder,
  isPlaceholderWordy,
  isPublicKeyDer,
  looksRandom,
  maskSecret,
  nameWords,
  secretNameKind,
} from '../secrets';
import type { SecretNameKind } from '../secrets';

type StringNode = TSESTree.Literal | TSESTree.TemplateLiteral;

/** Where a signing secret ends up, when the code hands the literal straight to a library. */
interface Sink {
  what: string;
  forges: string;
  envName: string;
}

const JWT_SINK: Sink = { what: 'JWT secret', forges: 'tokens the server accepts', envName: 'JWT_SECRET' };
const SESSION_SINK: Sink = { what: 'session secret', forges: 'session cookies and take over any account', envName: 'SESSION_SECRET' };
const COOKIE_SINK: Sink = { what: 'cookie-signing secret', forges: 'signed cookies', envName: 'COOKIE_SECRET' };
const NEXTAUTH_SINK: Sink = { what: 'NextAuth secret', forges: 'session tokens', envName: 'NEXTAUTH_SECRET' };

/** jsonwebtoken's sign/verify: the secret is the second argument. */
const JWT_CALL = /^(?:jsonwebtoken|jwt|jws)(?:\.default)?\.(?:sign|verify)$/i;
const COOKIE_PARSER = /^(?:cookie-parser|cookieParser)$/;
/** Option names that hold the signing secret in session/JWT middleware options. */
const SECRET_OPTIONS = new Set(['secret', 'secretOrKey', 'secretOrPrivateKey']);
const MAX_GENERIC_LENGTH = 4096;
const JWT_SHAPE = /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/;
const COMPARISON = new Set(['===', '==', '!==', '!=']);
/** Wrapping words dropped when a property's container names the env variable: dbConfig.password -> DB_PASSWORD. */
const CONTAINER_NOISE = new Set([
  'config', 'configuration', 'options', 'opts', 'settings', 'conf', 'cfg', 'params', 'env', 'default', 'defaults', 'headers',
  'data', 'body', 'payload', 'values', 'form', 'state', 'init', 'request', 'req',
]);
/** Tests, fixtures, mocks and stories: made-up credentials by design. */
const TEST_PATH = /(?:^|[/\\])(?:__tests__|__mocks__|__fixtures__|tests?|specs?|fixtures?|mocks?|e2e|cypress)[/\\]|\.(?:test|spec|stories|e2e|cy)\.[cm]?[jt]sx?$/i;
/** `new Sequelize(database, username, password, options)`: the password is positional. */
const SEQUELIZE = /^(?:sequelize\.)?Sequelize$/;

interface Placement {
  /** The outermost expression the literal's value reaches unchanged (through casts, `||` fallbacks, arrays). */
  outer: Node;
  /** `process.env.X || 'literal'` and `prod ? x : 'literal'`: the literal is a default. */
  fallback?: TSESTree.LogicalExpression | TSESTree.ConditionalExpression;
  inArray: boolean;
  /** What the value is stored under, or compared with. */
  name?: string;
  /** The object holding the property, for naming the variable: dbConfig.password. */
  container?: string;
  /** Assigned to process.env.X itself: no environment fix to offer. */
  targetIsEnv: boolean;
  comparison: boolean;
  sink?: Sink;
}

function check(node: StringNode, context: RuleContext): void {
  const value = node.type === 'Literal' ? (typeof node.value === 'string' ? node.value : undefined) : node.expressions.length === 0 ? node.quasis[0].value.cooked ?? undefined : undefined;
  if (value === undefined || value.trim().length === 0 || notAValue(node)) return;
  const placement = place(node, context);

  const provider = findProviderSecret(value, { name: placement.name });
  const testFile = TEST_PATH.test(context.filePath);
  if (provider && !(testFile && provider.id === 'jwt')) {
    const envName = fallbackEnvName(placement) ?? (isEnvVarName(placement.name ?? '') ? (placement.name as string) : provider.envName);
    context.report({
      node,
      message: `Hard-coded ${provider.label} (${maskSecret(provider.secret)}): anyone who can read the code or its history can use it; revoke it and load it from the environment.`,
      // Firebase web config keys are meant to ship to browsers; they only need API restrictions.
      confidence: provider.id === 'google-api-key' && isFirebaseConfig(placement.outer) ? 'low' : provider.confidence,
      fixes: fixes(node, value, placement, envName, provider.secret, provider.index),
    });
    return;
  }
  // Test code is full of made-up passwords and signing keys; only real provider formats matter there.
  if (testFile) return;

  if (placement.sink) {
    const sink = placement.sink;
    const envName = fallbackEnvName(placement) ?? sink.envName;
    context.report({
      node,
      message: placement.fallback
        ? `Hard-coded fallback ${sink.what} (${maskSecret(value)}) is used whenever the configured one is missing: anyone who reads the code can then forge ${sink.forges}.`
        : `Hard-coded ${sink.what} (${maskSecret(value)}): anyone who reads the code can forge ${sink.forges}.`,
      confidence: placement.fallback ? 'medium' : 'high',
      fixes: fixes(node, value, placement, envName, value, 0),
    });
    return;
  }

  const kind = secretNameKind(placement.name) ?? (isBareKey(placement.name) ? 'key' : undefined);
  if (!kind || !placement.name) return;
  const verdict = judge(kind, value, placement);
  if (!verdict) return;
  const envName = fallbackEnvName(placement) ?? namedEnvName(placement.name, placement.container) + (verdict.part && verdict.what === 'password' ? '_PASSWORD' : '');
  const where = `${placement.comparison ? 'compared with' : 'in'} '${placement.name}'`;
  const risk = verdict.forges ? `forge ${verdict.forges}` : verdict.what === 'password' ? 'log in with it' : 'use it';
  const message = verdict.placeholder
    ? `Placeholder-looking ${verdict.what} ${where} (${maskSecret(value)}) is hard-coded: if it is deployed unchanged, anyone can ${risk}.`
    : `Hard-coded ${verdict.what} ${where} (${maskSecret(value)}): anyone who can read the code or its history can ${risk}.`;
  const part = verdict.part ?? { text: value, index: 0 };
  context.report({ node, message, confidence: verdict.confidence, fixes: fixes(node, value, placement, envName, part.text, part.index) });
}

interface Verdict {
  confidence: Confidence;
  what: string;
  /** Signing secrets: what knowing them lets an attacker forge. */
  forges?: string;
  placeholder?: boolean;
  /** The secret inside a longer value ("Bearer <token>", "user:<password>"). */
  part?: { text: string; index: number };
}

/** Whether a value stored under a secret-looking name is a real secret, and how sure that is. */
function judge(kind: SecretNameKind | 'key', value: string, placement: Placement): Verdict | undefined {
  const name = placement.name as string;
  const trimmed = value.trim();
  // Keys and passwords are short; long values under such names are documents or data URIs.
  if (trimmed.length > MAX_GENERIC_LENGTH || /^data:[\w/+.-]+[;,]/.test(trimmed) || isPublicKeyDer(trimmed)) return undefined;
  if (kind === 'key') {
    // `const key = '…'` next to a cipher: a bare "key" is too vague for more than low confidence.
    return looksRandom(trimmed) && !isPlaceholder(trimmed) && !isHashFormat(trimmed) && !JWT_SHAPE.test(trimmed) ? { confidence: 'low', what: 'secret key' } : undefined;
  }
  if (kind === 'signing') {
    const sink = signingKindOf(name);
    if (trimmed.length < 6 || isEnvVarName(trimmed) || compact(trimmed) === compact(name)) return undefined;
    // Variable names ("jwtSecret"), config paths ("jwt.secret") and single words (schema types and labels in lookup
    // tables: { JWT_SECRET: 'string' }) name or describe the secret. After `process.env.X ||` they are the secret.
    const nameLike = /^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(trimmed) || /^[\p{L}_]+(?:[.:][\p{L}_]+)+$/u.test(trimmed) || /^\p{L}+$/u.test(trimmed);
    if (nameLike && !fallbackEnvName(placement)) return undefined;
    if (trimmed.split(/\s+/).length >= 4 || /[.:!?]$/.test(trimmed)) return undefined;
    if (isPlaceholder(trimmed)) return { confidence: 'low', what: sink.what, forges: sink.forges, placeholder: true };
    return { confidence: 'medium', what: sink.what, forges: sink.forges };
  }
  if (kind === 'password') return judgePassword(trimmed, placement.comparison);
  // Other secrets (API keys, tokens, credentials): only machine-generated-looking values.
  const words = nameWords(name);
  const last = words[words.length - 1];
  if ((last === 'auth' || last === 'authorization') && /^[^:\s/]+:[^:\s/]+$/.test(trimmed)) {
    // Basic-auth "user:password" strings (http.request({ auth })).
    const password = trimmed.slice(trimmed.indexOf(':') + 1);
    const verdict = judgePassword(password, placement.comparison);
    return verdict && { ...verdict, part: { text: password, index: value.indexOf(password, value.indexOf(':') + 1) } };
  }
  const scheme = /^(?:Bearer|Basic|Token|Bot)\s+(\S+)$/i.exec(trimmed);
  const candidate = scheme ? scheme[1] : trimmed;
  // Publishable keys and public map tokens are meant for browsers.
  if (/^pk[._]/.test(candidate)) return undefined;
  // JWTs were judged as a provider format already (public Supabase anon keys, samples).
  if (JWT_SHAPE.test(candidate) || isHashFormat(candidate)) return undefined;
  if (!looksRandom(candidate) || isPlaceholder(candidate)) return undefined;
  const what = scheme ? (/^basic/i.test(trimmed) ? 'Basic credential' : 'bearer token') : secretLabel(words);
  return { confidence: 'medium', what, part: scheme ? { text: candidate, index: value.lastIndexOf(candidate) } : undefined };
}

/**
 * Passwords are written by people, so entropy alone misses them: a value with three character classes
 * ("Sup3rS3cret!") is medium, letters mixed with digits or symbols only ("hunter22x") is low, raised to medium when
 * the code compares input against it (a built-in login).
 */
function judgePassword(value: string, comparison: boolean): Verdict | undefined {
  if (value.length < (comparison ? 6 : 8) || value.length > 128) return undefined;
  if (isEnvVarName(value) || isHashFormat(value) || isPlaceholderWordy(value)) return undefined;
  if (looksRandom(value)) return { confidence: 'medium', what: 'password' };
  if (isNonSecretShape(value) || /^\d+$/.test(value)) return undefined;
  const classes = characterClasses(value);
  if (classes >= 3) return { confidence: 'medium', what: 'password' };
  if (classes === 2 && /[A-Za-z]/.test(value)) return { confidence: comparison ? 'medium' : 'low', what: 'password' };
  return undefined;
}

function isBareKey(name: string | undefined): boolean {
  const words = nameWords(name ?? '');
  return words.length === 1 && (words[0] === 'key' || words[0] === 'keys');
}

function compact(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function signingKindOf(name: string): Sink {
  const words = compact(name);
  if (words.includes('session')) return SESSION_SINK;
  if (words.includes('cookie')) return COOKIE_SINK;
  if (words.includes('nextauth')) return NEXTAUTH_SINK;
  if (/jwt|jws|token|auth/.test(words)) return JWT_SINK;
  return { what: 'signing secret', forges: 'signatures the server trusts', envName: 'SIGNING_SECRET' };
}

function secretLabel(words: string[]): string {
  const last = words[words.length - 1];
  const previous = words[words.length - 2];
  if (last === 'apikey' || (last === 'key' && previous === 'api')) return 'API key';
  if (last === 'privatekey' || (last === 'key' && previous === 'private')) return 'private key';
  if (last.endsWith('token') || last === 'bearer') return 'token';
  if (last.startsWith('cred') || last === 'auth' || last === 'authorization') return 'credential';
  if (last === 'key' || last.endsWith('key')) return 'secret key';
  return 'secret';
}

/** Literals that are syntax rather than values: keys, module specifiers, type-level strings, directives. */
function notAValue(node: StringNode): boolean {
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.type) {
    case 'Property':
    case 'PropertyDefinition':
    case 'MethodDefinition':
    case 'TSPropertySignature':
    case 'TSAbstractPropertyDefinition':
      return parent.key === node;
    case 'MemberExpression':
      return parent.property === node;
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportExpression':
    case 'TSExternalModuleReference':
    case 'TSLiteralType':
    case 'TSModuleDeclaration':
    case 'ImportAttribute':
    case 'TSEnumMember':
    case 'TSImportType':
      return parent.type !== 'TSEnumMember' || parent.id === node;
    case 'ExpressionStatement':
      return parent.directive !== undefined;
    case 'CallExpression':
      return parent.callee.type === 'Identifier' && parent.callee.name === 'require';
    default:
      return false;
  }
}

function place(node: StringNode, context: RuleContext): Placement {
  let outer: Node = node;
  let fallback: Placement['fallback'];
  let inArray = false;
  for (;;) {
    const parent: Node | undefined = outer.parent;
    if (!parent) break;
    if (
      (parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'TSTypeAssertion' || parent.type === 'TSSatisfiesExpression') &&
      parent.expression === outer
    ) {
      outer = parent;
    } else if (parent.type === 'LogicalExpression' && (parent.operator === '||' || parent.operator === '??') && parent.right === outer) {
      fallback = parent;
      outer = parent;
    } else if (parent.type === 'ConditionalExpression' && parent.test !== outer) {
      fallback = parent;
      outer = parent;
    } else if (parent.type === 'ArrayExpression') {
      inArray = true;
      outer = parent;
    } else {
      break;
    }
  }
  const placement: Placement = { outer, fallback, inArray, comparison: false, targetIsEnv: false };
  const parent = outer.parent;
  if (!parent) return placement;

  placement.name = assignedName(outer);
  if (parent.type === 'AssignmentExpression' && /^(?:process\.env|import\.meta\.env)\./.test(memberPath(parent.left) ?? '')) placement.targetIsEnv = true;
  if (parent.type === 'Property' && parent.parent?.type === 'ObjectExpression') {
    placement.container = assignedName(parent.parent);
    placement.sink = optionSink(parent, parent.parent, context);
  }
  if (parent.type === 'TSEnumMember' && parent.initializer === outer) {
    placement.name = parent.id.type === 'Identifier' ? parent.id.name : String(parent.id.value);
  }
  const attribute = parent.type === 'JSXExpressionContainer' ? parent.parent : parent;
  if (attribute?.type === 'JSXAttribute' && attribute.name.type === 'JSXIdentifier') placement.name = attribute.name.name;
  if (parent.type === 'BinaryExpression' && COMPARISON.has(parent.operator)) {
    const other = parent.left === outer ? parent.right : parent.left;
    const path = memberPath(other);
    if (path !== undefined) {
      placement.name = path.slice(path.lastIndexOf('.') + 1);
      placement.comparison = true;
    }
  }
  if (parent.type === 'CallExpression' || parent.type === 'NewExpression') {
    const callee = context.qualifiedName(parent.callee) ?? '';
    const index = parent.arguments.indexOf(outer as TSESTree.CallExpressionArgument);
    if (index === 1 && JWT_CALL.test(callee)) placement.sink = JWT_SINK;
    if (index === 0 && COOKIE_PARSER.test(callee)) placement.sink = COOKIE_SINK;
    if (index === 2 && parent.type === 'NewExpression' && SEQUELIZE.test(callee)) {
      placement.name = 'password';
      placement.container = 'db';
    }
  }
  return placement;
}

/** `session({ secret: '…' })`, `expressjwt({ secret })`, `new JwtStrategy({ secretOrKey })`, `fastify.register(jwt, { secret })`. */
function optionSink(property: TSESTree.Property, object: TSESTree.ObjectExpression, context: RuleContext): Sink | undefined {
  const key = propertyName(property);
  if (key === undefined || !SECRET_OPTIONS.has(key)) return undefined;
  const call = object.parent;
  if (!call || (call.type !== 'CallExpression' && call.type !== 'NewExpression') || !call.arguments.includes(object)) return undefined;
  let callee = context.qualifiedName(call.callee) ?? '';
  if (/(?:^|\.)register$/.test(callee) && call.arguments[0] && call.arguments[0] !== object) callee = context.qualifiedName(call.arguments[0]) ?? '';
  if (/nextauth|next-auth/i.test(callee)) return NEXTAUTH_SINK;
  if (/session/i.test(callee)) return SESSION_SINK;
  if (/jwt|passport|strategy/i.test(callee)) return JWT_SINK;
  if (/cookie/i.test(callee)) return COOKIE_SINK;
  return undefined;
}

const FIREBASE_CONFIG_KEYS = new Set(['authDomain', 'messagingSenderId', 'storageBucket', 'projectId', 'appId', 'measurementId']);

/** `{ apiKey: 'AIza…', authDomain: …, projectId: … }`: a Firebase web app configuration. */
function isFirebaseConfig(outer: Node): boolean {
  const property = outer.parent;
  if (property?.type !== 'Property' || property.parent?.type !== 'ObjectExpression') return false;
  return property.parent.properties.some((other) => other.type === 'Property' && FIREBASE_CONFIG_KEYS.has(propertyName(other) ?? ''));
}

/** `process.env.JWT_SECRET || 'literal'`: the variable the fallback stands in for. */
function fallbackEnvName(placement: Placement): string | undefined {
  const fallback = placement.fallback;
  if (fallback?.type !== 'LogicalExpression') return undefined;
  const path = memberPath(fallback.left);
  const match = path && /^(?:process\.env|import\.meta\.env)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(path);
  return match ? match[1] : undefined;
}

function namedEnvName(name: string, container: string | undefined): string {
  const words = nameWords(name);
  if (words.length === 1 && words[0] === 'authorization') return 'API_TOKEN';
  if (words.length === 1 && container && !secretNameKind(container)) {
    const prefix = nameWords(container).filter((word) => !CONTAINER_NOISE.has(word));
    if (prefix.length > 0) return envVarName([...prefix, ...words].join('_').toUpperCase());
  }
  return envVarName(name);
}

function fixes(node: StringNode, value: string, placement: Placement, envName: string, secret: string, index: number): Fix[] {
  if (placement.targetIsEnv) return [];
  const fallback = placement.fallback;
  const title = `(review: ${envName} must then be set in the environment, and the exposed value revoked)`;
  if (fallback?.type === 'LogicalExpression' && fallbackEnvName(placement) !== undefined && !placement.inArray) {
    return [{ title: `Remove the hard-coded fallback ${title}`, safety: 'review', edits: [{ range: [fallback.left.range[1], fallback.range[1]], text: '' }] }];
  }
  const read = `process.env.${envName}`;
  let text: string;
  if (secret !== value && index >= 0) {
    // Keep the text around the secret: `Bearer ${process.env.API_TOKEN}`.
    text = `\`${escapeTemplate(value.slice(0, index))}\${${read}}${escapeTemplate(value.slice(index + secret.length))}\``;
  } else {
    text = read;
  }
  if (node.parent?.type === 'JSXAttribute') text = `{${text}}`;
  return [{ title: `Read it from ${read} ${title}`, safety: 'review', edits: [{ range: [node.range[0], node.range[1]], text }] }];
}

function escapeTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

export const hardcodedSecret: Rule = {
  meta: {
    id: 'hardcoded-secret',
    category: 'secrets',
    title: 'Hard-coded secret',
    description: 'API keys, tokens, passwords, private keys and JWT/session secrets written into the source are exposed to everyone who can read the code or its history.',
    severity: 'error',
    cwe: [798],
    fixable: true,
  },
  visitors: {
    Literal: check,
    TemplateLiteral: check,
  },
};
