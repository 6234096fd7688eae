import { securityHeadersDisabled } from '../../../src/core/rules/security-headers-disabled';
import { testRule } from '../../helpers/rule-tester';

testRule(securityHeadersDisabled, {
  valid: [
    "import helmet from 'helmet';\napp.use(helmet());",
    // Cross-origin isolation headers are loosened for images and embeds all the time; not flagged.
    "import helmet from 'helmet';\napp.use(helmet({ crossOriginEmbedderPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' } }));",
    // Pieces that only hide the framework's name or concern IE downloads and Flash: not flagged (helmet 4 and 8 names).
    "import helmet from 'helmet';\napp.use(helmet({ hidePoweredBy: false, ieNoOpen: false, permittedCrossDomainPolicies: false }));",
    "import helmet from 'helmet';\napp.use(helmet({ xPoweredBy: false, xDownloadOptions: false, xPermittedCrossDomainPolicies: false, xXssProtection: false }));",
    // A development-only switch computed at run time.
    "const helmet = require('helmet');\napp.use(helmet({ contentSecurityPolicy: process.env.NODE_ENV === 'production' ? undefined : false }));",
    // A nonce makes browsers ignore 'unsafe-inline' (kept for old browsers).
    [
      "import helmet from 'helmet';",
      'app.use(helmet({',
      '  contentSecurityPolicy: {',
      '    directives: {',
      "      scriptSrc: [\"'self'\", \"'unsafe-inline'\", (req, res) => `'nonce-${res.locals.cspNonce}'`],",
      "      styleSrc: [\"'self'\", \"'unsafe-inline'\"],",
      '    },',
      '  },',
      '}));',
    ].join('\n'),
    // Next.js: 'unsafe-eval' only in development, through a run-time piece of the template.
    [
      'const cspHeader = `',
      "  default-src 'self';",
      "  script-src 'self' 'nonce-${nonce}' 'strict-dynamic' ${isDev ? \"'unsafe-eval'\" : ''};",
      "  style-src 'self' 'unsafe-inline';",
      '`;',
      "response.headers.set('Content-Security-Policy', cspHeader.replace(/\\s{2,}/g, ' ').trim());",
    ].join('\n'),
    // An object that is not helmet's options.
    "const features = { hsts: false, noSniff: false };\nrender(features);",
    "res.removeHeader('X-Powered-By');",
    // Framing allowed on purpose, replaced by CSP frame-ancestors.
    "app.get('/embed/:id', (req, res) => {\n  res.removeHeader('X-Frame-Options');\n  res.setHeader('Content-Security-Policy', \"frame-ancestors https://partner.example.com\");\n  res.render('widget');\n});",
    // 'unsafe-inline' for styles only.
    "res.setHeader('Content-Security-Policy', \"default-src 'self'; style-src 'self' 'unsafe-inline'; img-src * data:\");",
  ],
  invalid: [
    {
      code: "import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\napp.use(helmet({ contentSecurityPolicy: false }));",
      errors: [
        {
          line: 4,
          column: 18,
          endColumn: 46,
          confidence: 'medium',
          message: /'contentSecurityPolicy: false' turns off helmet's Content-Security-Policy header/,
          fixes: [
            {
              safety: 'review',
              title: /Remove 'contentSecurityPolicy: false'.*review: inline scripts/,
              output: "import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\napp.use(helmet({  }));",
            },
          ],
        },
      ],
    },
    {
      code: "const helmet = require('helmet');\napp.use(\n  helmet({\n    frameguard: false,\n    hsts: false,\n  }),\n);",
      errors: [
        {
          line: 4,
          column: 5,
          message: /X-Frame-Options.*clickjacking/,
          fixes: [{ safety: 'review', output: "const helmet = require('helmet');\napp.use(\n  helmet({\n    hsts: false,\n  }),\n);" }],
        },
        {
          line: 5,
          column: 5,
          message: /Strict-Transport-Security/,
          fixes: [{ safety: 'review', output: "const helmet = require('helmet');\napp.use(\n  helmet({\n    frameguard: false,\n  }),\n);" }],
        },
      ],
    },
    {
      code: "import helmet from '@fastify/helmet';\nawait fastify.register(helmet, { global: true, xContentTypeOptions: false });",
      errors: [{ line: 2, column: 48, message: /X-Content-Type-Options/, fixes: [{ safety: 'review', output: "import helmet from '@fastify/helmet';\nawait fastify.register(helmet, { global: true });" }] }],
    },
    {
      code: [
        "import helmet from 'helmet';",
        'app.use(',
        '  helmet.contentSecurityPolicy({',
        '    directives: {',
        "      defaultSrc: [\"'self'\"],",
        "      scriptSrc: [\"'self'\", \"'unsafe-inline'\", 'https://cdn.jsdelivr.net'],",
        '    },',
        '  }),',
        ');',
      ].join('\n'),
      errors: [
        {
          line: 6,
          column: 29,
          message: /scriptSrc directive allows 'unsafe-inline'/,
          fixes: [
            {
              safety: 'review',
              title: /Remove 'unsafe-inline'/,
              output: [
                "import helmet from 'helmet';",
                'app.use(',
                '  helmet.contentSecurityPolicy({',
                '    directives: {',
                "      defaultSrc: [\"'self'\"],",
                "      scriptSrc: [\"'self'\", 'https://cdn.jsdelivr.net'],",
                '    },',
                '  }),',
                ');',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      code: "app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': [\"'self'\", \"'unsafe-eval'\", \"'unsafe-inline'\"] } } }));",
      errors: [
        {
          line: 1,
          column: 82,
          message: /allows 'unsafe-inline' and 'unsafe-eval'/,
          fixes: [{ safety: 'review', title: /and eval\(\)/, output: "app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': [\"'self'\"] } } }));" }],
        },
      ],
    },
    {
      code: "app.use((req, res, next) => {\n  res.setHeader('Content-Security-Policy', \"default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'\");\n  next();\n});",
      errors: [{ line: 2, column: 44, confidence: 'medium', message: /The Content-Security-Policy header allows 'unsafe-inline' and 'unsafe-eval'/ }],
    },
    {
      // Next.js config: the policy assembled from an array.
      code: [
        'const ContentSecurityPolicy = [',
        "  \"default-src 'self'\",",
        "  \"script-src 'self' 'unsafe-eval' 'unsafe-inline' https://www.googletagmanager.com\",",
        "  \"img-src 'self' data: https:\",",
        "].join('; ');",
        'module.exports = {',
        '  async headers() {',
        "    return [{ source: '/(.*)', headers: [{ key: 'Content-Security-Policy', value: ContentSecurityPolicy }] }];",
        '  },',
        '};',
      ].join('\n'),
      errors: [{ line: 8, column: 83, message: /allows 'unsafe-inline' and 'unsafe-eval'/ }],
    },
    {
      // default-src is the script policy when there is no script-src.
      code: "res.set({ 'Content-Security-Policy': \"default-src 'self' 'unsafe-inline' data:\" });",
      errors: [{ line: 1, column: 38, message: /'unsafe-inline'/ }],
    },
    {
      code: "app.get('/widget', (req, res) => {\n  res.removeHeader('X-Frame-Options');\n  res.sendFile(WIDGET_HTML);\n});",
      errors: [{ line: 2, column: 3, confidence: 'medium', message: /Removing the X-Frame-Options header/ }],
    },
  ],
});
