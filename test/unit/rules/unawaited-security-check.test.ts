import { unawaitedSecurityCheck } from '../../../src/core/rules/unawaited-security-check';
import { testRule } from '../../helpers/rule-tester';

const SAFE_TITLE = /^Await .+ \(safe: without await the check's outcome is fixed/;

const login = (check: string): string =>
  [
    "import bcrypt from 'bcrypt';",
    "app.post('/login', async (req, res) => {",
    '  const user = await User.findOne({ email: req.body.email });',
    `  if (${check}) return res.status(401).json({ error: 'Invalid credentials' });`,
    '  res.json({ token: sign(user) });',
    '});',
  ].join('\n');

testRule(unawaitedSecurityCheck, {
  valid: [
    // Awaited: the answer, as intended.
    login('!user || !(await bcrypt.compare(req.body.password, user.passwordHash))'),
    // A callback: compare returns nothing and answers in the callback.
    "const bcrypt = require('bcrypt');\nbcrypt.compare(password, hash, (err, same) => {\n  if (!same) return done(null, false);\n  done(null, user);\n});",
    // then() chain.
    "import bcrypt from 'bcryptjs';\nexport function check(pw: string, hash: string) {\n  return bcrypt.compare(pw, hash).then((ok) => { if (!ok) throw new Error('bad password'); });\n}",
    // Returned to a caller that awaits it.
    "import argon2 from 'argon2';\nexport function verifyPassword(hash: string, pw: string): Promise<boolean> {\n  return argon2.verify(hash, pw);\n}",
    // Stored, then awaited before it is tested.
    "import bcrypt from 'bcrypt';\nasync function login(pw, user) {\n  const pending = bcrypt.compare(pw, user.hash);\n  await audit(user);\n  const ok = await pending;\n  if (!ok) throw new Error('denied');\n}",
    // Stored and awaited in the test itself.
    "import bcrypt from 'bcrypt';\nasync function login(pw, user) {\n  const match = bcrypt.compare(pw, user.hash);\n  if (!(await match)) throw new Error('denied');\n}",
    // Several checks at once, awaited together.
    "import bcrypt from 'bcrypt';\nasync function anyMatches(pw, hashes) {\n  const results = await Promise.all(hashes.map((h) => bcrypt.compare(pw, h)));\n  return results.some(Boolean);\n}",
    // compareSync answers at once.
    "const bcrypt = require('bcryptjs');\nif (!bcrypt.compareSync(req.body.password, user.password)) res.sendStatus(401);",
    // Not the library: a local object and an unimported name.
    "const bcrypt = { compare: (a, b) => a === b };\nif (!bcrypt.compare(a, b)) throw new Error('different');",
    'function check(bcrypt, a, b) {\n  if (!bcrypt.compare(a, b)) throw new Error();\n}',
    "import { compare } from './strings';\nif (!compare(a, b)) throw new Error('different');",
    // jose awaited inside try: the catch handles a bad token.
    "import { jwtVerify } from 'jose';\nexport async function auth(req, res, next) {\n  try {\n    await jwtVerify(req.cookies.token, SECRET);\n    next();\n  } catch {\n    res.sendStatus(401);\n  }\n}",
    // A discarded check outside try is not this rule's case (nothing pretends to handle the rejection).
    "import { jwtVerify } from 'jose';\nexport async function warm() {\n  jwtVerify(sample, key).catch(() => {});\n}",
    // bcrypt's discarded call is pointless but rejects nothing: only jose's rejection-signalling checks count in try.
    "import bcrypt from 'bcrypt';\nasync function f() {\n  try {\n    bcrypt.compare(a, b);\n  } catch (e) {}\n}",
    // Web Crypto awaited; a local `crypto` object is not Web Crypto.
    "async function ok(key, sig, data) {\n  if (!(await crypto.subtle.verify('HMAC', key, sig, data))) throw new Error('bad signature');\n}",
    "function f(crypto, key, sig, data) {\n  if (crypto.subtle.verify('HMAC', key, sig, data)) return true;\n}",
    // Re-assigned with the awaited answer before the test.
    "import bcrypt from 'bcrypt';\nasync function f(pw, hash) {\n  let ok = bcrypt.compare(pw, hash);\n  ok = await ok;\n  if (!ok) throw new Error('denied');\n}",
    // Returned: the caller gets the Promise.
    "import bcrypt from 'bcrypt';\nfunction start(pw, hash) {\n  const ok = bcrypt.compare(pw, hash);\n  if (ok) log('started');\n  return ok;\n}",
    // A function inside the try: its own rejection is not the try's business.
    "import { jwtVerify } from 'jose';\nasync function f(tokens) {\n  try {\n    tokens.forEach((t) => { jwtVerify(t, key); });\n  } catch {}\n}",
    // A member of another object named like a check.
    "import bcrypt from 'bcrypt';\nasync function f(service) {\n  if (!service.bcrypt.compare(a, b)) throw new Error();\n}",
    // Passed on: the variable is treated as a Promise.
    "import bcrypt from 'bcrypt';\nasync function f(pw, hash) {\n  const ok = bcrypt.compare(pw, hash);\n  track(ok);\n  if (ok) return true;\n}",
  ],
  invalid: [
    {
      // The classic: `!` on the Promise is always false, so wrong passwords pass.
      code: login('!user || !bcrypt.compare(req.body.password, user.passwordHash)'),
      errors: [
        {
          line: 4,
          column: 17,
          endColumn: 69,
          confidence: 'high',
          message: /^bcrypt\.compare\(\) returns a Promise, not a boolean, and it is not awaited: negating it with `!` always gives false, so a wrong password is never rejected; add await\.$/,
          fixes: [{ safety: 'safe', title: SAFE_TITLE, output: login('!user || !await bcrypt.compare(req.body.password, user.passwordHash)') }],
        },
      ],
    },
    {
      // Stored in a variable and tested: reported at the call, with where the variable is used.
      code: "const bcrypt = require('bcryptjs');\nrouter.post('/login', async (req, res) => {\n  const user = await users.byEmail(req.body.email);\n  const isMatch = bcrypt.compare(req.body.password, user.password);\n  if (!isMatch) return res.status(400).json({ msg: 'Invalid credentials' });\n  res.json(issueToken(user));\n});",
      errors: [
        {
          line: 4,
          column: 19,
          message: /^bcrypt\.compare\(\) returns a Promise, not a boolean, and `isMatch` is not awaited: negating it with `!` always gives false/,
          fixes: [
            {
              safety: 'safe',
              output: "const bcrypt = require('bcryptjs');\nrouter.post('/login', async (req, res) => {\n  const user = await users.byEmail(req.body.email);\n  const isMatch = await bcrypt.compare(req.body.password, user.password);\n  if (!isMatch) return res.status(400).json({ msg: 'Invalid credentials' });\n  res.json(issueToken(user));\n});",
            },
          ],
        },
      ],
    },
    {
      // Truthy test through &&, in an if.
      code: "import * as argon2 from 'argon2';\nexport async function login(user, password) {\n  if (user && argon2.verify(user.hash, password)) return createSession(user);\n  return null;\n}",
      errors: [
        {
          line: 3,
          column: 15,
          message: /argon2\.verify\(\) returns a Promise, not a boolean, and it is not awaited: a Promise is always truthy, so this test always passes and every password is accepted, a wrong one too/,
          fixes: [{ safety: 'safe', output: "import * as argon2 from 'argon2';\nexport async function login(user, password) {\n  if (user && await argon2.verify(user.hash, password)) return createSession(user);\n  return null;\n}" }],
        },
      ],
    },
    {
      // Compared with false: never equal, so never rejected.
      code: "import { compare } from 'bcrypt';\nconst check = async (pw: string, hash: string) => {\n  if (compare(pw, hash) === false) throw new Unauthorized();\n};",
      errors: [
        {
          line: 3,
          column: 7,
          message: /it never equals false, so every password is treated as valid and a wrong one is accepted/,
          fixes: [{ safety: 'safe', output: "import { compare } from 'bcrypt';\nconst check = async (pw: string, hash: string) => {\n  if (await compare(pw, hash) === false) throw new Unauthorized();\n};" }],
        },
      ],
    },
    {
      // Compared with true: never equal, so even the right password fails. Ternary in a non-async function: no fix.
      code: "const bcrypt = require('bcrypt');\nfunction isValid(pw, hash) {\n  return bcrypt.compare(pw, hash) === true ? 'ok' : 'denied';\n}",
      errors: [
        {
          line: 3,
          column: 10,
          message: /it never equals true, so every password, even a correct one, is treated as wrong; make the function async and await the call \(no quick fix/,
        },
      ],
    },
    {
      // jose in try: the rejection escapes, the code after it runs as if the token were valid.
      code: "import { jwtVerify } from 'jose';\nexport const requireAuth = async (req, res, next) => {\n  try {\n    jwtVerify(req.headers.authorization?.slice(7) ?? '', secret);\n    next();\n  } catch {\n    res.status(401).json({ error: 'Invalid token' });\n  }\n};",
      errors: [
        {
          line: 4,
          column: 5,
          message: /^jwtVerify\(\) returns a Promise that rejects on an invalid token; without await the rejection escapes this try block, so the code after the call runs as if the token were valid/,
          fixes: [{ safety: 'safe', output: "import { jwtVerify } from 'jose';\nexport const requireAuth = async (req, res, next) => {\n  try {\n    await jwtVerify(req.headers.authorization?.slice(7) ?? '', secret);\n    next();\n  } catch {\n    res.status(401).json({ error: 'Invalid token' });\n  }\n};" }],
        },
      ],
    },
    {
      // jose through a namespace import, in a plain function: reported, no fix.
      code: "import * as jose from 'jose';\nexport function verifyWebhook(jws, key) {\n  try {\n    jose.compactVerify(jws, key);\n    return true;\n  } catch (err) {\n    return false;\n  }\n}",
      errors: [{ line: 4, column: 5, message: /^compactVerify\(\) returns a Promise that rejects on an invalid signature/ }],
    },
    {
      // Web Crypto, the global object.
      code: "export async function verifyHmac(key: CryptoKey, signature: ArrayBuffer, body: ArrayBuffer) {\n  const valid = crypto.subtle.verify('HMAC', key, signature, body);\n  if (!valid) return new Response('Bad signature', { status: 401 });\n  return handle(body);\n}",
      errors: [
        {
          line: 2,
          column: 17,
          message: /^crypto\.subtle\.verify\(\) returns a Promise, not a boolean, and `valid` is not awaited: .*a wrong signature is never rejected/,
          fixes: [{ safety: 'safe', output: "export async function verifyHmac(key: CryptoKey, signature: ArrayBuffer, body: ArrayBuffer) {\n  const valid = await crypto.subtle.verify('HMAC', key, signature, body);\n  if (!valid) return new Response('Bad signature', { status: 401 });\n  return handle(body);\n}" }],
        },
      ],
    },
    {
      // jwtVerify as a condition in a while loop of an async arrow; inside a nested block of the try too.
      code: "import { jwtVerify } from 'jose';\nconst poll = async (token) => {\n  while (jwtVerify(token, key)) await tick();\n};\nasync function g(token) {\n  try {\n    if (token) {\n      jwtVerify(token, key);\n    }\n    return true;\n  } catch {\n    return false;\n  }\n}",
      errors: [
        { line: 3, column: 10, message: /jwtVerify\(\) returns a Promise, not a boolean, and it is not awaited: a Promise is always truthy, so this test always passes and every token is accepted/, fixes: [{ safety: 'safe', output: "import { jwtVerify } from 'jose';\nconst poll = async (token) => {\n  while (await jwtVerify(token, key)) await tick();\n};\nasync function g(token) {\n  try {\n    if (token) {\n      jwtVerify(token, key);\n    }\n    return true;\n  } catch {\n    return false;\n  }\n}" }] },
        { line: 8, column: 7, message: /rejects on an invalid token/, fixes: [{ safety: 'safe', output: "import { jwtVerify } from 'jose';\nconst poll = async (token) => {\n  while (jwtVerify(token, key)) await tick();\n};\nasync function g(token) {\n  try {\n    if (token) {\n      await jwtVerify(token, key);\n    }\n    return true;\n  } catch {\n    return false;\n  }\n}" }] },
      ],
    },
    {
      // Top level of an ES module file: await is allowed there.
      code: "import { webcrypto } from 'node:crypto';\nif (!webcrypto.subtle.verify('HMAC', key, sig, data)) process.exit(1);",
      filename: 'verify.mjs',
      errors: [{ line: 2, column: 6, fixes: [{ safety: 'safe', output: "import { webcrypto } from 'node:crypto';\nif (!await webcrypto.subtle.verify('HMAC', key, sig, data)) process.exit(1);" }] }],
    },
    {
      // The same at the top of a file that may be a CommonJS script: no fix, the advice says why.
      code: "import { webcrypto } from 'node:crypto';\nif (!webcrypto.subtle.verify('HMAC', key, sig, data)) process.exit(1);",
      filename: 'verify.ts',
      errors: [{ line: 2, column: 6, message: /await the call inside an async function, or use \.then\(\)\.$/ }],
    },
    {
      // .mts: TypeScript allows top-level await there only with some module settings, so no fix.
      code: "import { webcrypto } from 'node:crypto';\nif (!webcrypto.subtle.verify('HMAC', key, sig, data)) process.exit(1);",
      filename: 'verify.mts',
      errors: [{ line: 2, column: 6 }],
    },
  ],
});
