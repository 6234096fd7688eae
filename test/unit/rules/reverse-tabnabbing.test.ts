import { reverseTabnabbing } from '../../../src/core/rules/reverse-tabnabbing';
import { testRule } from '../../helpers/rule-tester';

const SAFE_TITLE = /^Add noopener to rel \(safe: current browsers already open target="_blank" links without an opener/;
const jsx = (element: string): string => `export function Links({ post }) {\n  return ${element};\n}`;

testRule(reverseTabnabbing, {
  valid: [
    // rel takes the opener away already (noreferrer implies noopener), or asks for it on purpose.
    { code: jsx('<a href={post.url} target="_blank" rel="noopener noreferrer">Source</a>'), filename: 'Links.tsx' },
    { code: jsx('<a href={post.url} target="_blank" rel="noreferrer">Source</a>'), filename: 'Links.tsx' },
    { code: jsx('<a href={post.url} target="_blank" rel="NoOpener">Source</a>'), filename: 'Links.tsx' },
    { code: jsx('<a href={post.url} target="_blank" rel="opener">Source</a>'), filename: 'Links.tsx' },
    { code: jsx("<a href={post.url} target={'_blank'} rel={'noopener'}>Source</a>"), filename: 'Links.tsx' },
    // rel computed: cannot tell.
    { code: jsx('<a href={post.url} target="_blank" rel={post.rel}>Source</a>'), filename: 'Links.tsx' },
    // Spread props may carry rel.
    { code: jsx('<a href={post.url} target="_blank" {...linkProps}>Source</a>'), filename: 'Links.tsx' },
    // Same-site destinations, written out or built from a path.
    { code: jsx('<a href="/docs/getting-started" target="_blank">Docs</a>'), filename: 'Links.tsx' },
    { code: jsx('<a href={`/posts/${post.id}/print`} target="_blank">Print</a>'), filename: 'Links.tsx' },
    { code: jsx('<a href="./terms.html" target="_blank">Terms</a>'), filename: 'Links.tsx' },
    { code: jsx('<a href="#comments" target="_blank">Comments</a>'), filename: 'Links.tsx' },
    // Other schemes open no page that could use an opener.
    { code: jsx('<a href="mailto:support@example.com" target="_blank">Mail us</a>'), filename: 'Links.tsx' },
    // Other targets.
    { code: jsx('<a href={post.url} target="_self">Source</a>'), filename: 'Links.tsx' },
    { code: jsx('<a href={post.url} target={post.target}>Source</a>'), filename: 'Links.tsx' },
    { code: jsx('<a href={post.url}>Source</a>'), filename: 'Links.tsx' },
    // No destination: nothing opens, or the form posts to this page.
    { code: jsx('<a target="_blank">placeholder</a>'), filename: 'Links.tsx' },
    { code: jsx('<form target="_blank" method="post"><button>Preview</button></form>'), filename: 'Links.tsx' },
    // Components render what they like.
    { code: jsx('<Link href={post.url} target="_blank">Source</Link>'), filename: 'Links.tsx' },
  ],
  invalid: [
    {
      code: jsx('<a href={post.url} target="_blank">Source</a>'),
      filename: 'Links.tsx',
      errors: [{
        line: 2,
        column: 10,
        endColumn: 45,
        confidence: 'medium',
        message: /^<a target="_blank"> opens a URL chosen at run time without rel="noopener": browsers released before 2021 .* give the opened page window\.opener, .*Current browsers already imply noopener\.$/,
        fixes: [{ safety: 'safe', title: SAFE_TITLE, output: jsx('<a href={post.url} target="_blank" rel="noopener">Source</a>') }],
      }],
    },
    {
      // A written-out external URL: low confidence (the site is one the author chose).
      code: jsx('<a href="https://github.com/acme/widgets" target="_blank">GitHub</a>'),
      filename: 'Footer.jsx',
      errors: [{ line: 2, column: 10, confidence: 'low', message: /opens another site/, fixes: [{ safety: 'safe', output: jsx('<a href="https://github.com/acme/widgets" target="_blank" rel="noopener">GitHub</a>') }] }],
    },
    {
      // A constant rel string gets the token appended; _BLANK is the same keyword.
      code: jsx('<a target="_BLANK" rel="nofollow" href={`https://twitter.com/intent/tweet?text=${post.title}`}>Share</a>'),
      filename: 'Links.tsx',
      errors: [{ line: 2, column: 10, confidence: 'low', fixes: [{ safety: 'safe', output: jsx('<a target="_BLANK" rel="nofollow noopener" href={`https://twitter.com/intent/tweet?text=${post.title}`}>Share</a>') }] }],
    },
    {
      code: jsx("<a target={'_blank'} rel={'external'} href={'//cdn.example.com/report.pdf'}>Report</a>"),
      filename: 'Links.tsx',
      errors: [{ line: 2, column: 10, fixes: [{ safety: 'safe', output: jsx("<a target={'_blank'} rel={'external noopener'} href={'//cdn.example.com/report.pdf'}>Report</a>") }] }],
    },
    {
      // A tab in the path makes "/\t/evil.example" scheme-relative for the URL parser.
      code: jsx('<a href={"/\\t/evil.example"} target="_blank">x</a>'),
      filename: 'Links.tsx',
      errors: [{ line: 2, column: 10, confidence: 'low', fixes: [{ safety: 'safe', output: jsx('<a href={"/\\t/evil.example"} target="_blank" rel="noopener">x</a>') }] }],
    },
    {
      code: jsx('<area shape="rect" coords="0,0,10,10" href={post.url} target="_blank" />'),
      filename: 'Links.tsx',
      errors: [{ line: 2, column: 10, message: /^<area target="_blank">/, fixes: [{ safety: 'safe', output: jsx('<area shape="rect" coords="0,0,10,10" href={post.url} target="_blank" rel="noopener" />') }] }],
    },
    {
      // Forms: the fix is review (form targets are not in the compatibility data).
      code: jsx('<form action={post.checkoutUrl} target="_blank" method="post"><button>Pay</button></form>'),
      filename: 'Links.tsx',
      errors: [{ line: 2, column: 10, message: /^<form target="_blank">/, fixes: [{ safety: 'review', title: /\(review: /, output: jsx('<form action={post.checkoutUrl} target="_blank" rel="noopener" method="post"><button>Pay</button></form>') }] }],
    },
    {
      // An empty or computed-away rel: flagged; a bare rel attribute gets no fix.
      code: jsx('<a href={post.url} target="_blank" rel>Source</a>'),
      filename: 'Links.tsx',
      errors: [{ line: 2, column: 10 }],
    },
  ],
});
