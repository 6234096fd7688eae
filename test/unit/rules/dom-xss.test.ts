import { domXss } from '../../../src/core/rules/dom-xss';
import { testRule } from '../../helpers/rule-tester';

testRule(domXss, {
  valid: [
    // Text of a count: String() of something that cannot hold markup.
    "export function showCount(comments) {\n  counter.innerHTML = String(comments.length);\n}",
    "document.getElementById('results').innerHTML = '';",
    // Sanitised before it reaches the sink.
    "import DOMPurify from 'dompurify';\nimport { marked } from 'marked';\npreview.innerHTML = DOMPurify.sanitize(marked.parse(editor.value));",
    "function renderRow(user) {\n  row.innerHTML = `<td>${escapeHtml(user.name)}</td><td>${user.id}</td>`;\n}",
    "import he from 'he';\ncommentEl.innerHTML = `<p class=\"comment\">${he.encode(comment.text)}</p>`;",
    // Numbers cannot carry markup.
    "function updateCart(items, total) {\n  badge.innerHTML = `<strong>${items.length}</strong> items`;\n  totalEl.innerHTML = `$${total.toFixed(2)}`;\n}",
    "pager.innerHTML = pages.map((p) => `<button data-page=\"${p.index}\">${p.index + 1}</button>`).join('');",
    "document.write(new Date().getFullYear());",
    // Fixed markup from constants, imports and translations.
    "import { closeIcon } from './icons';\nconst MODAL_TEMPLATE = `<div class=\"modal\"><button class=\"close\"></button></div>`;\nroot.innerHTML = MODAL_TEMPLATE;\nbutton.innerHTML = closeIcon;",
    "submitButton.innerHTML = isLoading ? '<span class=\"spinner\"></span> Saving…' : 'Save';",
    "heading.innerHTML = t('dashboard.welcome');",
    "chat.insertAdjacentHTML('beforeend', '<hr class=\"divider\">');",
    // Not an HTML sink.
    "document.querySelector('#q').textContent = new URLSearchParams(location.search).get('q');",
    // Moving markup that is already in the page.
    "clone.innerHTML = template.innerHTML;",
    {
      filename: 'components/Article.tsx',
      code: [
        "import DOMPurify from 'isomorphic-dompurify';",
        'export function Article({ post }: { post: Post }) {',
        '  return <article className="prose" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(post.content) }} />;',
        '}',
      ].join('\n'),
    },
    {
      // JSON-LD structured data in a script tag.
      filename: 'app/products/[id]/page.tsx',
      code: [
        'export default function ProductPage({ product }) {',
        "  const jsonLd = { '@context': 'https://schema.org', '@type': 'Product', name: product.name };",
        '  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd) }} />;',
        '}',
      ].join('\n'),
    },
    {
      filename: 'components/Html.jsx',
      code: 'export function SafeHtml({ html }) {\n  const cleanHtml = useMemo(() => DOMPurify.sanitize(html), [html]);\n  return <div dangerouslySetInnerHTML={{ __html: cleanHtml }} />;\n}',
    },
    // srcDoc in a frame whose sandbox keeps its scripts from running with the page's origin, or may (spread props).
    ...['sandbox=""', 'sandbox="allow-scripts"', 'sandbox="allow-same-origin"', '{...frameProps}'].map((attributes) => ({
      code: `export function Preview({ frameProps }) {\n  const q = new URLSearchParams(window.location.search).get('html') ?? '';\n  return <iframe ${attributes} srcDoc={q} />;\n}`,
      filename: 'components/Preview.tsx',
    })),
    { code: 'export const Hello = () => <iframe title="hello" srcDoc="<p>Hello</p>" />;', filename: 'components/Hello.tsx' },
    "preview.srcdoc = template.srcdoc;",
  ],
  invalid: [
    {
      // String() of text that can hold markup is still markup.
      code: "export function showName(user) {\n  label.innerHTML = String(user.displayName);\n}",
      errors: [{ line: 2, column: 3, confidence: 'low', fixes: [{ safety: 'review', output: "export function showName(user) {\n  label.textContent = String(user.displayName);\n}" }] }],
    },
    {
      // A srcdoc document has the page's origin: its scripts run as the page.
      code: "const params = new URLSearchParams(location.search);\nframe.srcdoc = params.get('html') ?? '';",
      errors: [{ line: 2, column: 1, confidence: 'high', message: /^Assigning to srcdoc receives location\.search; an attacker can inject markup/, fixes: [] }],
    },
    ...([['', 33], [' sandbox="allow-scripts allow-same-origin"', 75]] as const).map(([attributes, column]) => ({
      code: `export function Widget() {\n  const q = new URLSearchParams(window.location.search).get('html') ?? '';\n  return <iframe title="widget"${attributes} srcDoc={q} />;\n}`,
      filename: 'components/Widget.tsx',
      errors: [{ line: 3, column, confidence: 'high' as const, message: /^srcDoc receives window\.location\.search; an attacker can inject markup/ }],
    })),
    {
      code: "const name = decodeURIComponent(window.location.hash.slice(1));\ndocument.getElementById('greeting').innerHTML = `Welcome back, ${name}!`;",
      errors: [
        {
          line: 2,
          column: 1,
          endColumn: 73,
          confidence: 'high',
          message: /^Assigning to innerHTML receives window\.location\.hash; an attacker can inject markup that runs script in the page\.$/,
          fixes: [
            {
              safety: 'review',
              title: /textContent.*review: markup in the value will be shown as plain text/,
              output: "const name = decodeURIComponent(window.location.hash.slice(1));\ndocument.getElementById('greeting').textContent = `Welcome back, ${name}!`;",
            },
          ],
        },
      ],
    },
    {
      code: [
        "const query = new URLSearchParams(window.location.search).get('q') ?? '';",
        'resultsTitle.innerHTML = `Results for <b>${query}</b>`;',
      ].join('\n'),
      errors: [
        {
          line: 2,
          column: 1,
          endColumn: 55,
          confidence: 'high',
          message: /window\.location\.search/,
          fixes: [{ safety: 'review', output: "const query = new URLSearchParams(window.location.search).get('q') ?? '';\nresultsTitle.textContent = `Results for <b>${query}</b>`;" }],
        },
      ],
    },
    {
      code: [
        "window.addEventListener('message', (event) => {",
        "  if (event.data.type === 'render') {",
        "    document.querySelector('#widget').innerHTML = event.data.html;",
        '  }',
        '});',
      ].join('\n'),
      errors: [
        {
          line: 3,
          column: 5,
          confidence: 'high',
          message: /message data/,
          fixes: [{ safety: 'review', output: "window.addEventListener('message', (event) => {\n  if (event.data.type === 'render') {\n    document.querySelector('#widget').textContent = event.data.html;\n  }\n});" }],
        },
      ],
    },
    {
      // Rendering a list from fetched data.
      code: [
        'async function loadComments(postId) {',
        '  const comments = await fetch(`/api/posts/${postId}/comments`).then((r) => r.json());',
        '  list.innerHTML = comments.map((c) => `<li><b>${c.author}</b> ${c.body}</li>`).join("");',
        '}',
      ].join('\n'),
      errors: [
        {
          line: 3,
          column: 3,
          confidence: 'medium',
          message: /^Assigning to innerHTML receives HTML built from values of unknown origin/,
          fixes: [{ safety: 'review', output: 'async function loadComments(postId) {\n  const comments = await fetch(`/api/posts/${postId}/comments`).then((r) => r.json());\n  list.textContent = comments.map((c) => `<li><b>${c.author}</b> ${c.body}</li>`).join("");\n}' }],
        },
      ],
    },
    {
      code: "socket.on('chat', (msg) => {\n  chatLog.insertAdjacentHTML('beforeend', `<div class=\"msg\"><b>${msg.user}</b>: ${msg.text}</div>`);\n});",
      errors: [{ line: 2, column: 3, confidence: 'medium', message: /^insertAdjacentHTML\(\) receives HTML built/ }],
    },
    {
      // Markdown renderers do not sanitise.
      code: "import { marked } from 'marked';\neditor.addEventListener('input', () => {\n  preview.innerHTML = marked.parse(editor.value);\n});",
      errors: [{ line: 3, column: 3, confidence: 'medium', fixes: [{ safety: 'review', output: "import { marked } from 'marked';\neditor.addEventListener('input', () => {\n  preview.textContent = marked.parse(editor.value);\n});" }] }],
    },
    {
      code: 'function showProfile(profile) {\n  bio.innerHTML = profile.bio.replace(/\\n/g, "<br>");\n}',
      errors: [{ line: 2, column: 3, confidence: 'medium', message: /receives a value of unknown origin/, fixes: [{ safety: 'review', output: 'function showProfile(profile) {\n  bio.textContent = profile.bio.replace(/\\n/g, "<br>");\n}' }] }],
    },
    {
      // Plain identifiers of unknown origin are reported at low confidence.
      code: 'export function setPanelContent(html: string) {\n  panel.innerHTML = html;\n}',
      errors: [{ line: 2, column: 3, endColumn: 25, confidence: 'low', fixes: [{ safety: 'review', output: 'export function setPanelContent(html: string) {\n  panel.textContent = html;\n}' }] }],
    },
    {
      // outerHTML and += get no textContent fix.
      code: "card.outerHTML = `<div class=\"card\">${location.search}</div>`;\nlog.innerHTML += `<p>${entry.message}</p>`;",
      errors: [
        { line: 1, column: 1, confidence: 'high', message: /^Assigning to outerHTML receives location\.search/ },
        { line: 2, column: 1, confidence: 'medium' },
      ],
    },
    {
      code: "document.write('<p>You came from <a href=\"' + document.referrer + '\">here</a></p>');",
      errors: [{ line: 1, column: 1, confidence: 'high', message: /^document\.write\(\) receives document\.referrer/ }],
    },
    {
      filename: 'components/BlogPost.jsx',
      code: 'export default function BlogPost({ post }) {\n  return <div className="content" dangerouslySetInnerHTML={{ __html: post.content }} />;\n}',
      errors: [{ line: 2, column: 35, endColumn: 85, confidence: 'medium', message: /^dangerouslySetInnerHTML receives a value of unknown origin/ }],
    },
    {
      filename: 'app/search/SearchTitle.tsx',
      code: [
        "'use client';",
        "import { useSearchParams } from 'next/navigation';",
        'export function SearchTitle() {',
        '  const searchParams = useSearchParams();',
        "  const term = searchParams.get('term');",
        '  return <h1 dangerouslySetInnerHTML={{ __html: `Results for &ldquo;${term}&rdquo;` }} />;',
        '}',
      ].join('\n'),
      errors: [{ line: 6, column: 14, confidence: 'high', message: /page URL \(useSearchParams\(\)\)/ }],
    },
    {
      filename: 'components/Markdown.tsx',
      code: "import { marked } from 'marked';\nexport function Markdown({ source }: { source: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: marked(source) }} />;\n}",
      errors: [{ line: 3, column: 15, confidence: 'medium' }],
    },
  ],
});
