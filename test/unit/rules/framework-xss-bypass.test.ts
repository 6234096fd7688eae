import { frameworkXssBypass } from '../../../src/core/rules/framework-xss-bypass';
import { testRule } from '../../helpers/rule-tester';

testRule(frameworkXssBypass, {
  valid: [
    // Angular: an embed URL with a fixed https origin, sanitised HTML, constant markup.
    "this.videoUrl = this.sanitizer.bypassSecurityTrustResourceUrl(`https://www.youtube-nocookie.com/embed/${encodeURIComponent(this.video.id)}`);",
    'this.footer = this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(this.article.bodyHtml));',
    "this.icon = this.sanitizer.bypassSecurityTrustHtml('<svg viewBox=\"0 0 24 24\"><path d=\"M12 2L2 22h20z\"/></svg>');",
    "import { LOGO_SVG } from './icons';\nthis.logo = this.sanitizer.bypassSecurityTrustHtml(LOGO_SVG);",
    "import icons from './icons';\nthis.close = this.sanitizer.bypassSecurityTrustHtml(icons.close);",
    // AngularJS: constant markup.
    "$scope.welcome = $sce.trustAsHtml('<b>Welcome to support</b>');",
    // jQuery: text, selectors, numbers, escaped values, elements built with .text().
    "$('#name').text(location.hash.slice(1));",
    "$('#row-' + id).addClass('active');",
    "$('#cart-total').html('<b>' + cart.items.length + '</b> items');",
    "$('#total').html(`<strong>${total.toFixed(2)}</strong>`);",
    "$('#out').html(escapeHtml(new URLSearchParams(location.search).get('q')));",
    "$('#list').append($('<li>').text(item.name));",
    "$('<li>').text(coupon).appendTo('#history');",
    // DOM Element.append inserts text, not markup.
    'container.append(userName);',
    // A jQuery value of unknown origin that is not built from markup.
    "$('#list').html(renderedList);",
    // Vue: v-html bound to sanitised output, render functions with text.
    "Vue.component('bio', { props: ['bio'], computed: { cleanBio() { return DOMPurify.sanitize(this.bio); } }, template: '<div v-html=\"cleanBio\"></div>' });",
    "import { h } from 'vue';\nexport default { render() { return h('span', { class: 'count' }, String(this.count)); } };",
    "const el = document.createElement('div', { innerHTML: markup });",
    // JSX: the void placeholder, fixed paths, a checked URL.
    { code: 'export const A = () => <a href="javascript:void(0)" onClick={open}>Open</a>;', filename: 'a.jsx' },
    { code: 'export const P = ({ user }) => <a href={`/users/${user.id}`}>{user.name}</a>;', filename: 'p.jsx' },
    {
      code: "export default function Page({ searchParams }) {\n  const next = searchParams.next;\n  return <a href={next && next.startsWith('/') ? next : '/'}>Continue</a>;\n}",
      filename: 'page.tsx',
    },
    // A stored URL of unknown origin: not reported.
    { code: 'export const W = ({ profile }) => <a href={profile.website}>Website</a>;', filename: 'w.jsx' },
  ],
  invalid: [
    {
      // The classic "safeHtml" pipe trusts whatever it is given.
      code: [
        "@Pipe({ name: 'safeHtml' })",
        'export class SafeHtmlPipe implements PipeTransform {',
        '  constructor(private sanitizer: DomSanitizer) {}',
        '  transform(value: string): SafeHtml {',
        '    return this.sanitizer.bypassSecurityTrustHtml(value);',
        '  }',
        '}',
      ].join('\n'),
      errors: [{ line: 5, column: 12, endColumn: 57, confidence: 'medium', message: /bypassSecurityTrustHtml\(\) marks a value of unknown origin as trusted/ }],
    },
    {
      code: [
        'export class ProfileComponent {',
        '  ngOnInit() {',
        "    const bio = new URLSearchParams(window.location.search).get('bio');",
        '    this.bioHtml = this.sanitizer.bypassSecurityTrustHtml(bio);',
        '  }',
        '}',
      ].join('\n'),
      errors: [{ line: 4, column: 20, confidence: 'high', message: /window\.location\.search/ }],
    },
    {
      code: "const ref = this.route.snapshot.queryParamMap.get('ref') ?? '';\nthis.note = this.sanitizer.bypassSecurityTrustHtml(`Shared by <b>${ref}</b>`);",
      errors: [{ line: 2, column: 13, confidence: 'medium' }],
    },
    {
      code: 'class LinkComponent {\n  trusted(url: string) {\n    return this.sanitizer.bypassSecurityTrustUrl(url);\n  }\n}',
      errors: [{ line: 3, column: 12, confidence: 'medium', message: /bypassSecurityTrustUrl/ }],
    },
    {
      code: "app.config(['$sceProvider', function ($sceProvider) {\n  $sceProvider.enabled(false);\n}]);",
      errors: [{ line: 2, column: 3, endColumn: 30, confidence: 'high', message: /strict contextual escaping/ }],
    },
    {
      code: "$http.get('/api/tickets/' + id).then(function (res) {\n  $scope.description = $sce.trustAsHtml(res.data.descriptionHtml);\n});",
      errors: [{ line: 2, column: 24, confidence: 'medium', message: /\$sce\.trustAsHtml\(\)/ }],
    },
    {
      code: "const search = new URLSearchParams(location.search);\n$('#coupon-banner').html('Coupon <b>' + search.get('coupon') + '</b> applied!');",
      errors: [{ line: 2, column: 1, confidence: 'high', message: /jQuery \.html\(\) parses location\.search as HTML/ }],
    },
    {
      code: "$.getJSON('/api/items', (items) => {\n  items.forEach((item) => {\n    $('#list').append('<li class=\"item\">' + item.name + '</li>');\n  });\n});",
      errors: [{ line: 3, column: 5, confidence: 'medium', message: /HTML built from values of unknown origin/ }],
    },
    {
      code: "const params = new URLSearchParams(location.search);\n$(`<div class=\"msg\">${params.get('msg')}</div>`).appendTo('body');",
      errors: [{ line: 2, column: 1, confidence: 'high', message: /^\$\(\) parses/ }],
    },
    {
      code: "import { h, defineComponent } from 'vue';\nexport const Announcement = defineComponent({\n  render() {\n    return h('div', { class: 'announcement', innerHTML: this.message });\n  },\n});",
      errors: [{ line: 4, column: 46, confidence: 'medium', message: /Vue render function/ }],
    },
    {
      code: "export default {\n  render(createElement) {\n    return createElement('div', { domProps: { innerHTML: this.comment.body } });\n  },\n};",
      errors: [{ line: 3, column: 47, confidence: 'medium' }],
    },
    {
      code: "import { defineComponent } from 'vue';\nexport const UserBio = defineComponent({\n  props: { bio: String },\n  template: '<div class=\"bio\" v-html=\"bio\"></div>',\n});",
      errors: [{ line: 4, column: 31, endColumn: 43, confidence: 'medium', message: /v-html="bio"/ }],
    },
    {
      code: "export default function Page({ searchParams }) {\n  return <a href={searchParams.next}>Continue</a>;\n}",
      filename: 'page.tsx',
      errors: [{ line: 2, column: 13, confidence: 'high', message: /<a href> takes its URL from request input/ }],
    },
    {
      code: "import { useSearchParams } from 'react-router-dom';\nexport function Back() {\n  const [params] = useSearchParams();\n  return <a href={params.get('returnTo') ?? '/'}>Back</a>;\n}",
      filename: 'back.jsx',
      errors: [{ line: 4, column: 13, confidence: 'high' }],
    },
    {
      code: 'export const Alert = () => <a href="javascript:alert(document.cookie)">x</a>;',
      filename: 'alert.jsx',
      errors: [{ line: 1, column: 31, confidence: 'medium', message: /javascript: URL in href/ }],
    },
  ],
});
