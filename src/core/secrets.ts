// Secret detection shared by every scanner of text: provider key formats, entropy, placeholders, name hints, masking.
// Pure string functions: no AST here, so .env, JSON and YAML scanners can reuse them.
import type { Confidence } from './types';

export interface ProviderMatch {
  /** Stable id of the format, e.g. "github-token". */
  id: string;
  /** What the value is, for messages: "GitHub personal access token". */
  label: string;
  /** The secret text found (a substring of the scanned value). */
  secret: string;
  /** Offset of `secret` inside the scanned value. */
  index: number;
  confidence: Confidence;
  /** Conventional environment variable to load it from instead. */
  envName: string;
}

/** What the surrounding code says about a value, for formats that are only secret in context. */
export interface ProviderContext {
  /** The variable, property or key the value is stored under. */
  name?: string;
}

interface ProviderPattern {
  id: string;
  label: string;
  /** Group 1, when present, is the secret; otherwise the whole match. */
  pattern: RegExp;
  confidence: Confidence;
  envName: string;
  /** The random part to test for placeholders; by default the secret without its prefix (or a URL's last segment). */
  body?: (secret: string) => string;
  /** Extra check on the match (and its context); returning a confidence overrides the default one. */
  check?: (secret: string, context: ProviderContext, match: RegExpExecArray) => boolean | Confidence;
}

const TAIL = '(?![A-Za-z0-9_-])';

/** Most specific first: the first pattern that matches names the finding. */
const PROVIDER_PATTERNS: readonly ProviderPattern[] = [
  {
    id: 'private-key',
    label: 'private key',
    pattern: /(-----BEGIN ((?:RSA |EC |OPENSSH |DSA |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----([\s\S]*?)(?:-----END \2-----|$))/,
    confidence: 'high',
    envName: 'PRIVATE_KEY',
    check: (_secret, _context, match) => {
      // A bare header is a marker used when parsing PEM text; a key has a long random body.
      const body = match[3].replace(/\\n|\s/g, '');
      if (body.length < 40 || /\.\.\.|\u2026|xxxx|<|\$\{/i.test(body) || shannonEntropy(body) < 4) return false;
      return match[2].startsWith('ENCRYPTED') ? 'medium' : true;
    },
  },
  {
    id: 'aws-access-key-id',
    label: 'AWS access key id',
    pattern: /\b((?:AKIA|ASIA)[A-Z0-9]{16})\b/,
    confidence: 'high',
    envName: 'AWS_ACCESS_KEY_ID',
    check: (secret) => !isPlaceholderBody(secret.slice(4)),
  },
  {
    id: 'aws-secret-access-key',
    label: 'AWS secret access key',
    pattern: /^([A-Za-z0-9/+]{40})$/,
    confidence: 'high',
    envName: 'AWS_SECRET_ACCESS_KEY',
    check: (secret, context) => {
      const name = compactName(context.name);
      return /aws.*secret|secret.*access.*key/.test(name) && looksRandom(secret);
    },
  },
  { id: 'github-token', label: 'GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,251})\b/, confidence: 'high', envName: 'GITHUB_TOKEN' },
  {
    id: 'github-fine-grained-token',
    label: 'GitHub fine-grained personal access token',
    pattern: /\b(github_pat_[A-Za-z0-9_]{50,240})\b/,
    confidence: 'high',
    envName: 'GITHUB_TOKEN',
  },
  { id: 'gitlab-token', label: 'GitLab personal access token', pattern: new RegExp(`\\b(glpat-[A-Za-z0-9_.-]{20,})${TAIL}`), confidence: 'high', envName: 'GITLAB_TOKEN' },
  {
    id: 'slack-token',
    label: 'Slack token',
    pattern: new RegExp(`\\b(xox[abposr]-[A-Za-z0-9-]{10,})${TAIL}`),
    confidence: 'high',
    envName: 'SLACK_TOKEN',
    body: (secret) => secret.slice(secret.lastIndexOf('-') + 1),
    check: (secret) => /\d/.test(secret),
  },
  { id: 'slack-app-token', label: 'Slack app-level token', pattern: /\b(xapp-\d-[A-Z0-9]{6,}-\d{6,}-[a-f0-9]{20,})\b/, confidence: 'high', envName: 'SLACK_APP_TOKEN' },
  {
    id: 'slack-webhook',
    label: 'Slack incoming webhook URL',
    pattern: /(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{20,})/,
    confidence: 'high',
    envName: 'SLACK_WEBHOOK_URL',
  },
  {
    id: 'discord-webhook',
    label: 'Discord webhook URL',
    pattern: new RegExp(`(https:\\/\\/(?:(?:ptb|canary)\\.)?discord(?:app)?\\.com\\/api\\/webhooks\\/\\d{5,}\\/[A-Za-z0-9_-]{20,})${TAIL}`),
    confidence: 'high',
    envName: 'DISCORD_WEBHOOK_URL',
  },
  {
    id: 'teams-webhook',
    label: 'Microsoft Teams incoming webhook URL',
    pattern: /(https:\/\/(?:[A-Za-z0-9-]+\.webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook)\/[^\s'"`]*\/IncomingWebhook\/[^\s'"`]+)/,
    confidence: 'high',
    envName: 'TEAMS_WEBHOOK_URL',
  },
  { id: 'stripe-secret-key', label: 'Stripe live secret key', pattern: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,247})\b/, confidence: 'high', envName: 'STRIPE_SECRET_KEY' },
  // Test-mode keys reach only test data, but still belong in the environment.
  { id: 'stripe-test-key', label: 'Stripe test-mode secret key', pattern: /\b((?:sk|rk)_test_[A-Za-z0-9]{20,247})\b/, confidence: 'low', envName: 'STRIPE_SECRET_KEY' },
  { id: 'stripe-webhook-secret', label: 'Stripe webhook signing secret', pattern: /\b(whsec_[A-Za-z0-9]{32,})\b/, confidence: 'high', envName: 'STRIPE_WEBHOOK_SECRET' },
  { id: 'google-api-key', label: 'Google API key', pattern: new RegExp(`\\b(AIza[0-9A-Za-z_-]{35})${TAIL}`), confidence: 'high', envName: 'GOOGLE_API_KEY' },
  {
    id: 'anthropic-api-key',
    label: 'Anthropic API key',
    pattern: new RegExp(`\\b(sk-ant-(?:api|admin|sid)\\d{2}-[A-Za-z0-9_-]{32,})${TAIL}`),
    confidence: 'high',
    envName: 'ANTHROPIC_API_KEY',
  },
  {
    id: 'openai-api-key',
    label: 'OpenAI API key',
    pattern: new RegExp(`\\b(sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{32,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}))${TAIL}`),
    confidence: 'high',
    envName: 'OPENAI_API_KEY',
  },
  // Legacy OpenAI keys and the many APIs that copied the format (DeepSeek, OpenRouter-style gateways).
  { id: 'sk-api-key', label: 'OpenAI-style secret API key', pattern: /\b(sk-[A-Za-z0-9]{32,})\b/, confidence: 'high', envName: 'OPENAI_API_KEY' },
  { id: 'google-oauth-client-secret', label: 'Google OAuth client secret', pattern: new RegExp(`\\b(GOCSPX-[A-Za-z0-9_-]{28})${TAIL}`), confidence: 'high', envName: 'GOOGLE_CLIENT_SECRET' },
  { id: 'huggingface-token', label: 'Hugging Face access token', pattern: /\b(hf_[A-Za-z0-9]{34,40})\b/, confidence: 'high', envName: 'HF_TOKEN' },
  { id: 'shopify-token', label: 'Shopify access token', pattern: /\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b/, confidence: 'high', envName: 'SHOPIFY_ACCESS_TOKEN' },
  { id: 'npm-token', label: 'npm access token', pattern: /\b(npm_[A-Za-z0-9]{36})\b/, confidence: 'high', envName: 'NPM_TOKEN' },
  { id: 'sendgrid-api-key', label: 'SendGrid API key', pattern: new RegExp(`\\b(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})${TAIL}`), confidence: 'high', envName: 'SENDGRID_API_KEY' },
  // An API key SID alone does not authenticate; it is usually stored next to its secret.
  { id: 'twilio-api-key', label: 'Twilio API key SID', pattern: /\b(SK[0-9a-fA-F]{32})\b/, confidence: 'medium', envName: 'TWILIO_API_KEY' },
  { id: 'mailgun-api-key', label: 'Mailgun API key', pattern: /\b(key-[0-9a-f]{32})\b/, confidence: 'high', envName: 'MAILGUN_API_KEY' },
  {
    id: 'connection-string',
    label: 'database connection string with a password',
    pattern: /\b((postgres(?:ql)?|mongodb(?:\+srv)?|mysql|mariadb|mssql|sqlserver|redis|rediss|amqps?):\/\/([^:@/\s'"`]*):([^@/\s'"`]+)@([^/?#\s:'"`,]+)[^\s'"`]*)/i,
    confidence: 'high',
    envName: 'DATABASE_URL',
    check: (_secret, _context, match) => connectionPassword(match[3], match[4], match[5]),
  },
  {
    id: 'url-credentials',
    label: 'URL with an embedded password',
    pattern: /\b((?:https?|ftps?|smtps?):\/\/([^:@/\s'"`]+):([^@/\s'"`]+)@([^/?#\s:'"`,]+)[^\s'"`]*)/i,
    confidence: 'medium',
    envName: 'SERVICE_URL',
    check: (_secret, _context, match) => {
      if (match[3].length < 8) return false;
      const outcome = connectionPassword(match[2], match[3], match[4]);
      if (outcome === false) return false;
      return outcome === true ? 'medium' : 'low';
    },
  },
  {
    id: 'url-query-secret',
    label: 'secret in a URL query string',
    pattern: /[?&](?:api[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|secret|token|password)=([^&#\s'"`]+)/i,
    confidence: 'medium',
    envName: 'API_KEY',
    // UUID download tokens (Firebase Storage links) only open one public file.
    check: (secret) => looksRandom(secret) && !isPlaceholder(secret) && !/^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(secret),
  },
  {
    id: 'jwt',
    label: 'JSON Web Token',
    pattern: new RegExp(`\\b(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,})${TAIL}`),
    confidence: 'medium',
    envName: 'API_TOKEN',
    check: (secret, context, match) => jwtConfidence(secret, context, match),
  },
];

/** Formats whose check judges placeholders itself (the secret is not one random body). */
const PROVIDERS_WITH_OWN_CHECK = new Set(['private-key', 'connection-string', 'url-credentials', 'url-query-secret']);

/**
 * The first well-known credential format in `value`, if any. Placeholder bodies (`ghp_xxxx…`, `…EXAMPLE`,
 * ascending runs) do not count.
 */
export function findProviderSecret(value: string, context: ProviderContext = {}): ProviderMatch | undefined {
  if (value.length < 20) return undefined;
  for (const provider of PROVIDER_PATTERNS) {
    const match = provider.pattern.exec(value);
    if (!match) continue;
    const secret = match[1] ?? match[0];
    if (!PROVIDERS_WITH_OWN_CHECK.has(provider.id) && isPlaceholderBody(provider.body ? provider.body(secret) : randomPart(secret))) continue;
    const outcome = provider.check ? provider.check(secret, context, match) : true;
    if (outcome === false) continue;
    return {
      id: provider.id,
      label: provider.id === 'connection-string' ? `${schemeLabel(match[2])} connection string with a password` : provider.label,
      secret,
      index: match.index + match[0].indexOf(secret),
      confidence: outcome === true ? provider.confidence : outcome,
      envName: provider.id === 'connection-string' ? schemeEnvName(match[2]) : provider.envName,
    };
  }
  return undefined;
}

function randomPart(secret: string): string {
  if (/^https?:/i.test(secret)) return secret.slice(secret.lastIndexOf('/') + 1);
  return secret.replace(/^(?:[A-Za-z]+[_-])+/, '');
}

function schemeLabel(scheme: string): string {
  const lower = scheme.toLowerCase();
  if (lower.startsWith('postgres')) return 'PostgreSQL';
  if (lower.startsWith('mongodb')) return 'MongoDB';
  if (lower.startsWith('redis')) return 'Redis';
  if (lower.startsWith('amqp')) return 'AMQP';
  if (lower === 'mssql' || lower === 'sqlserver') return 'SQL Server';
  return lower === 'mariadb' ? 'MariaDB' : 'MySQL';
}

function schemeEnvName(scheme: string): string {
  const lower = scheme.toLowerCase();
  if (lower.startsWith('redis')) return 'REDIS_URL';
  if (lower.startsWith('amqp')) return 'AMQP_URL';
  if (lower.startsWith('mongodb')) return 'MONGODB_URI';
  return 'DATABASE_URL';
}

const DEFAULT_PASSWORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'changeme', 'root', 'admin', 'guest', 'test', 'example', 'postgres',
  'mysql', 'mongo', 'redis', 'rabbitmq', 'user', 'username', 'default', 'dev', 'local', 'demo', 'sample', 'dummy', 'foo',
]);
const LOCAL_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|[a-z][a-z0-9_-]*)$/i;

/**
 * Password part of `scheme://user:password@host`: false for placeholders and well-known defaults, "low" for a
 * real-looking password on a local or single-label (container) host, true otherwise.
 */
function connectionPassword(user: string, password: string, host: string): boolean | Confidence {
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // keep the raw text
  }
  const lower = decoded.toLowerCase();
  if (decoded.length < 4 || lower === user.toLowerCase() || DEFAULT_PASSWORDS.has(lower)) return false;
  if (/^[$%{<[*]|\$\{|\{\{|%[A-Z_]+%|^:|^x+$|^\*+$/i.test(decoded) || isPlaceholder(decoded)) return false;
  return LOCAL_HOST.test(host) ? 'low' : true;
}

/**
 * JWTs are bearer credentials only when stored as one: under a token-ish name or after "Bearer", or when they carry
 * the Supabase service role. Supabase anon keys and the jwt.io sample are public.
 */
function jwtConfidence(secret: string, context: ProviderContext, match: RegExpExecArray): boolean | Confidence {
  const payload = decodeBase64Url(secret.split('.')[1]);
  if (payload === undefined || /"role"\s*:\s*"anon"/.test(payload) || /"name"\s*:\s*"John Doe"/.test(payload)) return false;
  // A Supabase service-role key bypasses row-level security wherever it appears.
  if (/"role"\s*:\s*"service_role"/.test(payload)) return 'high';
  const name = compactName(context.name);
  if (/anon|public|publishable|example|sample/.test(name)) return false;
  const bearer = /bearer\s+$/i.test(match.input.slice(0, match.index));
  return bearer || /token|jwt|bearer|auth|key|secret|credential|session/.test(name);
}

function decodeBase64Url(text: string): string | undefined {
  try {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    return atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  } catch {
    return undefined;
  }
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  const length = [...value].length;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * Whether a value looks machine-generated (a key or token) rather than written by a person. Tuned on random
 * hex/base64/base64url strings against identifiers, sentences, paths and human-made "secret" phrases:
 * at least 16 characters, no white space, entropy >= 3.0 bits/char for hex and 3.5 otherwise, at least two
 * character classes, and letter runs averaging at most 3 characters (words make runs long: "super-secret-key").
 */
export function looksRandom(value: string): boolean {
  if (value.length < 16 || /\s/.test(value)) return false;
  const hex = /^[0-9a-f-]+$/i.test(value) && /[0-9]/.test(value) && /[a-f]/i.test(value);
  const entropy = shannonEntropy(value);
  if (entropy < (hex ? 3.0 : 3.5)) return false;
  if (characterClasses(value) < 2) return false;
  if (!hex && averageLetterRun(value) > 3) return false;
  return !isPlaceholderBody(value);
}

/** Lower case, upper case, digits, other: how many of the four occur. */
export function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
}

function averageLetterRun(value: string): number {
  const runs = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? [];
  if (runs.length === 0) return 0;
  return runs.reduce((sum, run) => sum + run.length, 0) / runs.length;
}

const PLACEHOLDER_MARKERS = [
  'your', 'changeme', 'change_me', 'change-me', 'changethis', 'change_this', 'change-this', 'replace', 'placeholder',
  'example', 'sample', 'dummy', 'fake', 'mock', 'xxxx', '****', '...', '\u2026', '\u2022\u2022', 'todo', 'fixme',
  'redacted', 'insert', 'paste', 'lorem', 'notreal', 'not-real', 'not_real',
];
const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/**
 * Template markers, "your-…", "changeme", runs of x or *, ascending or keyboard sequences, repetition.
 * Words such as "password" or "test" are not placeholders here: see `isPlaceholderWordy`. Template markers hold no
 * braces (`[^{}]`), which keeps the scan linear on long runs of `{`.
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (/^<[^>]*>$|^\[[^\]]*\]$|\$\{[^{}]*\}|\{\{[^{}]*\}\}|^%[A-Za-z_]+%$|^\$[A-Za-z_][A-Za-z0-9_]*$|^:[a-z]/i.test(trimmed)) return true;
  return isPlaceholderBody(trimmed);
}

function isPlaceholderBody(value: string): boolean {
  const lower = value.toLowerCase();
  if (PLACEHOLDER_MARKERS.some((marker) => lower.includes(marker))) return true;
  if (/(.)\1{4,}/.test(value)) return true;
  if (new Set(lower).size <= Math.min(3, lower.length)) return true;
  if (isPeriodic(lower)) return true;
  // Ascending runs, also hidden among other characters: "1234567890abcdef", "a1b2c3d4e5f6".
  const letters = lower.replace(/[^a-z]/g, '');
  const digits = lower.replace(/[^0-9]/g, '');
  return SEQUENCES.some((sequence) => hasRun(lower, sequence, 5) || hasRun(letters, sequence, 6) || hasRun(digits, sequence, 6));
}

function hasRun(text: string, sequence: string, length: number): boolean {
  if (text.length < length) return false;
  for (let start = 0; start + length <= sequence.length; start++) {
    if (text.includes(sequence.slice(start, start + length))) return true;
  }
  return false;
}

/** "abcabcabc", "a1B2a1B2a1B2": a short unit repeated. */
function isPeriodic(value: string): boolean {
  for (let unit = 1; unit <= 8 && unit * 3 <= value.length; unit++) {
    let periodic = true;
    for (let i = unit; i < value.length && periodic; i++) periodic = value[i] === value[i - unit];
    if (periodic) return true;
  }
  return false;
}

/** Words that mark a generic value as made up: "test-password-123", "my_api_key", "dev-secret". */
const PLACEHOLDER_WORDS = new Set([
  'password', 'passwd', 'secret', 'secrets', 'test', 'testing', 'tests', 'demo', 'default', 'dev', 'development',
  'local', 'token', 'key', 'api', 'apikey', 'foo', 'bar', 'baz', 'qux', 'abc', 'xyz', 'hello', 'world', 'none', 'null',
  'undefined', 'temp', 'tmp', 'sandbox', 'staging',
]);

/** A placeholder by `isPlaceholder`, or written from placeholder words ("test-password-123", "mysecretkey" is not). */
export function isPlaceholderWordy(value: string): boolean {
  if (isPlaceholder(value)) return true;
  const words = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? [];
  return words.some((word) => PLACEHOLDER_WORDS.has(word.toLowerCase()));
}

/** Names of environment variables ("API_KEY", "JWT_SECRET"): a reference to a secret, not one. */
export function isEnvVarName(value: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value) || /^[A-Z]{3,}$/.test(value);
}

/**
 * Values that are something other than a credential whatever they are stored under: sentences, identifiers and
 * dotted/slashed names, URLs without credentials, file paths, e-mail addresses, password-hash formats.
 */
export function isNonSecretShape(value: string): boolean {
  const trimmed = value.trim();
  if (/\s/.test(trimmed)) return true;
  if (/^[\p{L}]+(?:[._:/-][\p{L}]+)*$/u.test(trimmed)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(trimmed) || /^www\./i.test(trimmed)) return true;
  // Random base64 may start with "/": only a value that does not look generated is a path.
  if (/^(?:\.{1,2}[/\\]|~\/|\/[\w.-]|[A-Za-z]:\\)/.test(trimmed) && !looksRandom(trimmed)) return true;
  if (/\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|txt|env|ya?ml|js|ts|html?)$/i.test(trimmed)) return true;
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(trimmed)) return true;
  if (isHashFormat(trimmed)) return true;
  // Validation rules: "required|min:8".
  if (/^[a-z_]+(?::[^|]*)?(?:\|[a-z_]+(?::[^|]*)?)+$/i.test(trimmed)) return true;
  return false;
}

/** Stored password hashes (bcrypt, argon2, scrypt, crypt) and integrity digests: derived from a secret, not one. */
export function isHashFormat(value: string): boolean {
  return /^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2[\w-]*|[156])\$/.test(value) || /^(?:sha(?:1|224|256|384|512)|md5)[-:]/i.test(value);
}

/**
 * Base64 DER of a public key (SubjectPublicKeyInfo: SEQUENCE { SEQUENCE algorithm, BIT STRING }), as used to pin
 * or verify signatures. Private keys (PKCS#1/#8) start with a version INTEGER instead.
 */
export function isPublicKeyDer(value: string): boolean {
  if (value.length < 60 || !/^M[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  let bytes: string;
  try {
    bytes = atob(value.slice(0, 16));
  } catch {
    return false;
  }
  if (bytes.charCodeAt(0) !== 0x30) return false;
  const lengthBytes = bytes.charCodeAt(1) & 0x80 ? (bytes.charCodeAt(1) & 0x7f) + 2 : 2;
  return bytes.charCodeAt(lengthBytes) === 0x30;
}

export type SecretNameKind = 'password' | 'signing' | 'secret';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pw', 'pass', 'passphrase', 'passcode', 'pswd']);
const KEY_QUALIFIERS = new Set([
  'api', 'secret', 'private', 'access', 'signing', 'sign', 'encryption', 'encrypt', 'crypto', 'cipher', 'client', 'master',
  'auth', 'hmac', 'jwt', 'app', 'service', 'admin', 'license', 'webhook', 'session', 'cookie', 'aes', 'ssh', 'root',
  'server', 'stripe', 'openai', 'anthropic', 'claude', 'sendgrid', 'twilio', 'mailgun', 'mailchimp', 'github', 'gitlab',
  'slack', 'google', 'gemini', 'firebase', 'supabase', 'aws', 'azure', 'algolia', 'pusher', 'mapbox', 'datadog',
  'cloudinary', 'resend', 'postmark', 'groq', 'mistral', 'cohere', 'replicate', 'huggingface', 'pinecone', 'vercel',
  'heroku', 'shopify', 'paypal', 'braintree', 'plaid', 'deepseek', 'openrouter', 'elevenlabs', 'perplexity', 'bot',
]);
/** Tokens that are opaque but not credentials. */
const NON_SECRET_TOKEN_QUALIFIERS = new Set(['next', 'page', 'cursor', 'continuation', 'cancel', 'cancellation', 'injection', 'design', 'color', 'sync', 'lexer', 'parser', 'csrf', 'xsrf']);
const SIGNING_WORDS = new Set(['jwt', 'jws', 'session', 'cookie', 'nextauth', 'signing', 'hmac', 'token', 'tokens']);
const COMPOUND_NAMES: Readonly<Record<string, SecretNameKind>> = {
  apikey: 'secret', apitoken: 'secret', accesstoken: 'secret', authtoken: 'secret', refreshtoken: 'secret', secretkey: 'secret',
  privatekey: 'secret', accesskey: 'secret', clientsecret: 'secret', authkey: 'secret', jwtsecret: 'signing',
  sessionsecret: 'signing', cookiesecret: 'signing', jwtkey: 'signing', secretorkey: 'signing', secretorprivatekey: 'signing',
};

/** Words of an identifier, lower case: "stripeSecretKey" -> stripe, secret, key; "DB_PASSWORD" -> db, password. */
export function nameWords(name: string): string[] {
  return (name.match(/[A-Z]?[a-z]+\d*|[A-Z]+\d*(?![a-z])|\d+/g) ?? []).map((word) => word.toLowerCase());
}

function compactName(name: string | undefined): string {
  return (name ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * What a name says the value stored under it is: a password, a signing secret (JWT, session, cookie), another
 * secret (API key, token, credentials), or nothing secret. Decided by the last word, so `secretName`,
 * `passwordLabel`, `tokenType` and `apiKeyHeader` are not secrets.
 */
export function secretNameKind(name: string | undefined): SecretNameKind | undefined {
  if (!name) return undefined;
  const words = nameWords(name);
  if (words.length === 0) return undefined;
  if (words.some((word) => word === 'public' || word === 'publishable' || word === 'anon' || word === 'site')) return undefined;
  const last = words[words.length - 1];
  const previous = words.length > 1 ? words[words.length - 2] : undefined;
  const signing = words.slice(0, -1).some((word) => SIGNING_WORDS.has(word));
  if (COMPOUND_NAMES[last]) return (last === 'secretkey' || last === 'privatekey') && signing ? 'signing' : COMPOUND_NAMES[last];
  if (PASSWORD_WORDS.has(last)) return 'password';
  if (last === 'secret' || last === 'secrets') return signing || previous === 'auth' ? 'signing' : 'secret';
  if (last === 'token' || last === 'tokens') return previous && NON_SECRET_TOKEN_QUALIFIERS.has(previous) ? undefined : 'secret';
  if (last === 'key' || last === 'keys') {
    if (!previous) return undefined;
    if (previous === 'secret' && words.some((word) => word === 'jwt' || word === 'session' || word === 'cookie' || word === 'signing')) return 'signing';
    if (previous === 'jwt' || previous === 'signing' || (previous === 'or' && words.includes('secret'))) return 'signing';
    return KEY_QUALIFIERS.has(previous) ? 'secret' : undefined;
  }
  if (last === 'credential' || last === 'credentials' || last === 'creds' || last === 'auth' || last === 'authorization' || last === 'bearer') return 'secret';
  return undefined;
}

/** "stripeSecretKey" -> "STRIPE_SECRET_KEY"; "x-api-key" -> "API_KEY"; names already in that form are kept. */
export function envVarName(name: string): string {
  if (/^[A-Z][A-Z0-9_]*$/.test(name)) return name;
  const words = nameWords(name);
  if (words.length > 1 && words[0] === 'x') words.shift();
  const joined = words.join('_').toUpperCase();
  if (joined.length === 0) return 'SECRET';
  return /^\d/.test(joined) ? `_${joined}` : joined;
}

/**
 * A value safe to print: at most its first 4 characters (fewer for short values, never more than a third),
 * then "…" and the length. "ghp_…(40 chars)".
 */
export function maskSecret(value: string): string {
  const chars = [...value];
  const visible = Math.min(4, Math.floor(chars.length / 3));
  return `${chars.slice(0, visible).join('')}\u2026(${chars.length} chars)`;
}
