import { templateInjection } from '../../../src/core/rules/template-injection';
import { testRule } from '../../helpers/rule-tester';

testRule(templateInjection, {
  valid: [
    // A constant template rendered with user data: the engine escapes the data.
    [
      "import ejs from 'ejs';",
      "app.get('/hello', (req, res) => {",
      "  res.send(ejs.render('<h1>Hello <%= name %></h1>', { name: req.query.name }));",
      '});',
    ].join('\n'),
    [
      "const Handlebars = require('handlebars');",
      "const WELCOME = fs.readFileSync(path.join(__dirname, 'templates', 'welcome.hbs'), 'utf8');",
      'const renderWelcome = Handlebars.compile(WELCOME);',
      "app.post('/welcome', (req, res) => res.send(renderWelcome({ name: req.body.name })));",
    ].join('\n'),
    // A template chosen from a fixed set by name.
    [
      "import _ from 'lodash';",
      "const TEMPLATES = { welcome: 'Hi <%- name %>', reset: 'Reset: <%- link %>' };",
      "app.post('/mail', (req, res) => {",
      '  const compiled = _.template(TEMPLATES.welcome);',
      '  res.json({ text: compiled({ name: req.body.name }) });',
      '});',
    ].join('\n'),
    // res.render takes a view name, not template text.
    "app.get('/profile', (req, res) => {\n  res.render('profile', { name: req.query.name, bio: req.query.bio });\n});",
    // Templates loaded from the app's own files.
    [
      "import pug from 'pug';",
      'export async function renderInvoice(invoice: Invoice) {',
      "  const source = await fs.promises.readFile('views/invoice.pug', 'utf8');",
      '  return pug.render(source, { invoice });',
      '}',
    ].join('\n'),
    // Mustache with a constant template and a view from the request.
    "import Mustache from 'mustache';\napp.get('/card', (req, res) => {\n  res.send(Mustache.render('<p>{{name}}</p>', { name: req.query.name }));\n});",
    // A command-line tool rendering a template its user passes: not remote input.
    "import Handlebars from 'handlebars';\nconst template = Handlebars.compile(process.argv[2]);\nconsole.log(template({ date: new Date() }));",
    // Compiling the data object of a request is not compiling its text.
    [
      "import nunjucks from 'nunjucks';",
      "const env = nunjucks.configure('views');",
      "app.post('/report', (req, res) => res.send(env.render('report.njk', req.body)));",
    ].join('\n'),
    // Unknown template text is not reported (a CMS field, a database row).
    "import Handlebars from 'handlebars';\nexport function renderPage(page: Page) {\n  return Handlebars.compile(page.template)(page.data);\n}",
  ],
  invalid: [
    {
      code: [
        "const ejs = require('ejs');",
        "app.post('/api/email/preview', (req, res) => {",
        '  const html = ejs.render(req.body.template, { user: req.user });',
        '  res.json({ html });',
        '});',
      ].join('\n'),
      errors: [{ line: 3, column: 16, endColumn: 65, confidence: 'high', message: /ejs\.render\(\) compiles template text taken from request input \(req\.body\); an attacker can write template code/ }],
    },
    {
      code: [
        "import Handlebars from 'handlebars';",
        "app.post('/api/email/preview-hbs', (req, res) => {",
        '  const template = Handlebars.compile(req.body.source);',
        '  res.json({ html: template({ name: req.body.name }) });',
        '});',
      ].join('\n'),
      errors: [{ line: 3, column: 20, endColumn: 55, confidence: 'high', message: /Handlebars\.compile\(\)/ }],
    },
    {
      code: "const pug = require('pug');\napp.get('/greeting', (req, res) => {\n  res.send(pug.render(`p Hello ${req.query.name}`));\n});",
      errors: [{ line: 3, column: 12, endColumn: 51, confidence: 'high', message: /pug\.render\(\) compiles template text taken from request input \(req\.query\)/ }],
    },
    {
      code: "import _ from 'lodash';\napp.post('/api/banner', (req, res) => {\n  const compiled = _.template(req.body.banner);\n  res.json({ html: compiled({ site: 'Acme' }) });\n});",
      errors: [{ line: 3, column: 20, endColumn: 47, confidence: 'high', message: /_\.template\(\)/ }],
    },
    {
      code: "import template from 'lodash/template';\nrouter.post('/render', async (ctx) => {\n  const { source, data } = ctx.request.body;\n  ctx.body = template(source)(data);\n});",
      errors: [{ line: 4, column: 14, endColumn: 30, confidence: 'high', message: /_\.template\(\) compiles template text taken from request input \(ctx\.request\.body\)/ }],
    },
    {
      code: "import Mustache from 'mustache';\nfastify.post('/preview', async (request, reply) => {\n  return Mustache.render(request.body.template, { shop: SHOP });\n});",
      errors: [{ line: 3, column: 10, endColumn: 64, confidence: 'high', message: /Mustache\.render\(\)/ }],
    },
    {
      code: "const nunjucks = require('nunjucks');\napp.post('/api/snippet', (req, res) => {\n  const out = nunjucks.renderString(req.body.snippet, { now: new Date() });\n  res.json({ out });\n});",
      errors: [{ line: 3, column: 15, endColumn: 75, confidence: 'high', message: /nunjucks\.renderString\(\)/ }],
    },
    {
      // A configured environment compiles strings too.
      code: "import { Eta } from 'eta';\nconst eta = new Eta({ views: './views' });\napp.post('/t', (req, res) => {\n  res.send(eta.renderString(req.body.tpl, { user: req.user }));\n});",
      errors: [{ line: 4, column: 12, endColumn: 62, confidence: 'high', message: /renderString\(\)/ }],
    },
    {
      code: "const doT = require('dot');\napp.post('/widget', (req, res) => {\n  const fn = doT.template(req.body.markup);\n  res.send(fn({}));\n});",
      errors: [{ line: 3, column: 14, endColumn: 43, confidence: 'high', message: /doT\.template\(\)/ }],
    },
    {
      // A partial registered from input is compiled like a template.
      code: "import Handlebars from 'handlebars';\napp.post('/partials', (req, res) => {\n  Handlebars.registerPartial(req.body.name, req.body.source);\n  res.sendStatus(204);\n});",
      errors: [{ line: 3, column: 3, endColumn: 61, confidence: 'high', message: /Handlebars\.registerPartial\(\)/ }],
    },
    {
      // The page URL in the browser: template text from the link.
      code: "import _ from 'lodash';\nconst tpl = new URLSearchParams(location.search).get('tpl');\ndocument.body.append(_.template(tpl)({}));",
      errors: [{ line: 3, column: 22, endColumn: 37, confidence: 'high', message: /_\.template\(\) compiles template text taken from location\.search; an attacker can write template code that runs script in the page/ }],
    },
  ],
});
