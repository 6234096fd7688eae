import { securityMiddlewareNotInvoked } from '../../../src/core/rules/security-middleware-not-invoked';
import { testRule } from '../../helpers/rule-tester';

const SAFE_TITLE = /with its defaults \(safe: passed uncalled it answers no request, so no working behaviour changes/;

const app = (imports: string, uses: string): string => `${imports}\nconst app = express();\n${uses}\napp.listen(3000);`;

testRule(securityMiddlewareNotInvoked, {
  valid: [
    // Called factories.
    app("import express from 'express';\nimport helmet from 'helmet';\nimport cors from 'cors';", 'app.use(helmet());\napp.use(cors({ origin: CLIENT_URL }));\napp.use(express.json());'),
    // A middleware created once and stored: the recommended shape for rate limiters.
    app("import express from 'express';\nimport rateLimit from 'express-rate-limit';", 'const limiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 });\napp.use(limiter);\napp.use(\'/api\', limiter);'),
    // Middlewares that take (req, res, next) themselves.
    app("import express from 'express';\nimport { requireAuth } from './auth';", 'app.use(requireAuth);\napp.use((req, res, next) => next());\napp.use(express.static(\'public\'));'),
    // Names that are not those imports: a local function, a parameter, a global.
    "import express from 'express';\nconst app = express();\nfunction cors(req, res, next) {\n  res.set('Access-Control-Allow-Origin', '*');\n  next();\n}\napp.use(cors);",
    "export function install(app, helmet) {\n  app.use(helmet);\n}",
    'app.use(compression);',
    // Re-assigned from the factory: no longer the import.
    "let cors = require('cors');\ncors = cors({ origin: 'https://acme.io' });\napp.use(cors);",
    // Fastify plugins are registered uncalled on purpose.
    "import Fastify from 'fastify';\nimport helmet from '@fastify/helmet';\nimport cors from '@fastify/cors';\nconst app = Fastify();\nawait app.register(helmet);\nawait app.register(cors);",
    // Koa's own middleware packages are factories too, but not these imports (not checked).
    "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors());",
    // Passed somewhere other than use().
    "import cors from 'cors';\nexport const factories = [cors];",
  ],
  invalid: [
    {
      code: app("import express from 'express';\nimport helmet from 'helmet';", 'app.use(helmet);'),
      errors: [
        {
          line: 4,
          column: 9,
          endColumn: 15,
          confidence: 'high',
          message: /^`helmet` is a middleware factory passed to use\(\) without being called: Express calls it with \(req, res, next\), helmet detects this and throws, so every request through it fails with an error, and no security header is set; call it: helmet\(\)\.$/,
          fixes: [{ safety: 'safe', title: SAFE_TITLE, output: app("import express from 'express';\nimport helmet from 'helmet';", 'app.use(helmet());') }],
        },
      ],
    },
    {
      // CommonJS, a path prefix, several at once, express.json through the express binding.
      code: "const express = require('express');\nconst cors = require('cors');\nconst cookieParser = require('cookie-parser');\nconst router = express.Router();\nrouter.use('/api', cors, express.json, cookieParser);",
      errors: [
        {
          line: 5,
          column: 20,
          message: /^`cors` is .* it returns a middleware instead of handling the request and never calls next\(\), so every request through it hangs, and no CORS header is sent/,
          fixes: [{ safety: 'safe', title: /Call cors\(\) with its defaults \(safe: .*; its defaults: allows every origin, without credentials\)$/, output: "const express = require('express');\nconst cors = require('cors');\nconst cookieParser = require('cookie-parser');\nconst router = express.Router();\nrouter.use('/api', cors(), express.json, cookieParser);" }],
        },
        {
          line: 5,
          column: 26,
          message: /request bodies are never parsed; call it: express\.json\(\)\.$/,
          fixes: [{ safety: 'safe', output: "const express = require('express');\nconst cors = require('cors');\nconst cookieParser = require('cookie-parser');\nconst router = express.Router();\nrouter.use('/api', cors, express.json(), cookieParser);" }],
        },
        {
          line: 5,
          column: 40,
          message: /cookies are never parsed/,
          fixes: [{ safety: 'safe', output: "const express = require('express');\nconst cors = require('cors');\nconst cookieParser = require('cookie-parser');\nconst router = express.Router();\nrouter.use('/api', cors, express.json, cookieParser());" }],
        },
      ],
    },
    {
      // Named imports and renamed bindings.
      code: "import { json, urlencoded } from 'express';\nimport { rateLimit as limit } from 'express-rate-limit';\nimport bodyParser from 'body-parser';\nserver.use(json, urlencoded);\nserver.use(limit);\nserver.use(bodyParser.json);",
      errors: [
        { line: 4, column: 12, fixes: [{ safety: 'safe', output: "import { json, urlencoded } from 'express';\nimport { rateLimit as limit } from 'express-rate-limit';\nimport bodyParser from 'body-parser';\nserver.use(json(), urlencoded);\nserver.use(limit);\nserver.use(bodyParser.json);" }] },
        { line: 4, column: 18, fixes: [{ safety: 'safe', output: "import { json, urlencoded } from 'express';\nimport { rateLimit as limit } from 'express-rate-limit';\nimport bodyParser from 'body-parser';\nserver.use(json, urlencoded());\nserver.use(limit);\nserver.use(bodyParser.json);" }] },
        {
          line: 5,
          column: 12,
          message: /nothing is rate limited/,
          fixes: [{ safety: 'safe', title: /its defaults: express-rate-limit 8 allows 5 requests per minute per client\)$/, output: "import { json, urlencoded } from 'express';\nimport { rateLimit as limit } from 'express-rate-limit';\nimport bodyParser from 'body-parser';\nserver.use(json, urlencoded);\nserver.use(limit());\nserver.use(bodyParser.json);" }],
        },
        { line: 6, column: 12, fixes: [{ safety: 'safe', output: "import { json, urlencoded } from 'express';\nimport { rateLimit as limit } from 'express-rate-limit';\nimport bodyParser from 'body-parser';\nserver.use(json, urlencoded);\nserver.use(limit);\nserver.use(bodyParser.json());" }] },
      ],
    },
    {
      // Defaults that do not work on their own: the fix is review.
      code: "import session from 'express-session';\nimport csrf from 'csurf';\nimport mongoSanitize from 'express-mongo-sanitize';\napp.use(session);\napp.use(csrf);\napp.use(mongoSanitize);",
      errors: [
        { line: 4, column: 9, message: /no session is loaded/, fixes: [{ safety: 'review', title: /^Call session\(\) \(review: session\(\) needs a secret option/, output: "import session from 'express-session';\nimport csrf from 'csurf';\nimport mongoSanitize from 'express-mongo-sanitize';\napp.use(session());\napp.use(csrf);\napp.use(mongoSanitize);" }] },
        { line: 5, column: 9, message: /no CSRF token is checked/, fixes: [{ safety: 'review', title: /^Call csrf\(\) \(review: csurf\(\) needs express-session before it/, output: "import session from 'express-session';\nimport csrf from 'csurf';\nimport mongoSanitize from 'express-mongo-sanitize';\napp.use(session);\napp.use(csrf());\napp.use(mongoSanitize);" }] },
        { line: 6, column: 9, message: /MongoDB operators are never stripped/, fixes: [{ safety: 'review', title: /Express 5/, output: "import session from 'express-session';\nimport csrf from 'csurf';\nimport mongoSanitize from 'express-mongo-sanitize';\napp.use(session);\napp.use(csrf);\napp.use(mongoSanitize());" }] },
      ],
    },
    {
      // Required inline; compression and hpp.
      code: "app.use(require('compression'));\nconst hpp = require('hpp');\napp.use(hpp);",
      errors: [
        { line: 1, column: 9, message: /no response is compressed/, fixes: [{ safety: 'safe', output: "app.use(require('compression')());\nconst hpp = require('hpp');\napp.use(hpp);" }] },
        { line: 3, column: 9, message: /HTTP parameter pollution/, fixes: [{ safety: 'safe', output: "app.use(require('compression'));\nconst hpp = require('hpp');\napp.use(hpp());" }] },
      ],
    },
  ],
});
