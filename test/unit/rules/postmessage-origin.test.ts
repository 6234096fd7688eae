import { postmessageOrigin } from '../../../src/core/rules/postmessage-origin';
import { testRule } from '../../helpers/rule-tester';

testRule(postmessageOrigin, {
  valid: [
    // A constant message tells the receiver nothing.
    "parent.postMessage('ready', '*');",
    "window.opener?.postMessage({ method: 'ready' }, '*');",
    // iframe resizing: sizes tell the embedding page nothing.
    "parent.postMessage({ type: 'resize', height: document.body.scrollHeight }, '*');",
    "window.parent.postMessage(JSON.stringify({ type: 'height', value: document.documentElement.scrollHeight }), '*');",
    // A named target origin.
    "iframe.contentWindow.postMessage(payload, 'https://widget.acme.io');",
    'window.opener?.postMessage(result, window.location.origin);',
    // Workers have no origin to check.
    "worker.postMessage({ cmd: 'start', token }, [buffer]);",
    "worker.addEventListener('message', (e) => { setResult(e.data); });",
    "ws.addEventListener('message', (e) => { render(JSON.parse(e.data)); });",
    'self.onmessage = (e) => { postMessage(compute(e.data)); };',
    // Listeners that check the sender.
    [
      "window.addEventListener('message', (event) => {",
      "  if (event.origin !== 'https://app.acme.io') return;",
      '  setTheme(event.data.theme);',
      '});',
    ].join('\n'),
    [
      "window.addEventListener('message', ({ data, origin }) => {",
      '  if (!ALLOWED_ORIGINS.includes(origin)) return;',
      '  apply(data);',
      '});',
    ].join('\n'),
    [
      "window.addEventListener('message', (event) => {",
      '  if (event.source !== iframeRef.current.contentWindow) return;',
      '  apply(event.data);',
      '});',
    ].join('\n'),
    // The event goes to a validator the rule cannot see into.
    [
      "window.addEventListener('message', (event) => {",
      '  if (!isTrustedMessage(event)) return;',
      '  apply(event.data);',
      '});',
    ].join('\n'),
    // Only logging.
    "window.addEventListener('message', (event) => {\n  console.log('received', event.data);\n});",
    // A handler defined elsewhere that checks the origin.
    [
      'function onMessage(event: MessageEvent) {',
      '  if (event.origin !== PARENT_ORIGIN) return;',
      '  store.dispatch(event.data);',
      '}',
      "window.addEventListener('message', onMessage);",
    ].join('\n'),
  ],
  invalid: [
    {
      // OAuth popup handing the token to whatever page opened it.
      code: "window.opener.postMessage({ type: 'oauth', token: accessToken }, '*');",
      errors: [{ line: 1, column: 1, endColumn: 70, confidence: 'high', message: /credentials or user data with target origin '\*'/ }],
    },
    {
      code: "window.parent.postMessage({ type: 'auth', token } satisfies AuthMessage, '*');",
      errors: [{ line: 1, column: 1, confidence: 'high' }],
    },
    {
      code: "function send(payload) {\n  frame.contentWindow.postMessage(payload, '*');\n}",
      errors: [{ line: 2, column: 3, confidence: 'medium', message: /frame\.contentWindow\.postMessage\(\) uses target origin '\*'/ }],
    },
    {
      // Posting to the page's own window.
      code: "window.postMessage({ user: currentUser }, '*');",
      errors: [
        {
          line: 1,
          column: 1,
          confidence: 'low',
          message: /name this page's origin/,
          // '/' is the sender's own origin, which a window posting to itself always has (opaque origins included).
          fixes: [{ safety: 'safe', title: /own origin \('\/'\)/, output: "window.postMessage({ user: currentUser }, '/');" }],
        },
      ],
    },
    {
      code: [
        "window.addEventListener('message', (event) => {",
        "  if (event.data?.type === 'navigate') {",
        '    router.push(event.data.path);',
        '  }',
        '});',
      ].join('\n'),
      errors: [{ line: 1, column: 1, endColumn: 24, confidence: 'medium', message: /without checking event\.origin/ }],
    },
    {
      code: [
        'useEffect(() => {',
        '  const handleMessage = (e: MessageEvent) => {',
        '    setTheme(e.data.theme);',
        '  };',
        "  window.addEventListener('message', handleMessage);",
        "  return () => window.removeEventListener('message', handleMessage);",
        '}, []);',
      ].join('\n'),
      errors: [{ line: 5, column: 3, endColumn: 52, confidence: 'medium' }],
    },
    {
      code: [
        'window.onmessage = function (event) {',
        '  const { action, payload } = JSON.parse(event.data);',
        '  handlers[action](payload);',
        '};',
      ].join('\n'),
      errors: [{ line: 1, column: 1, endColumn: 17, confidence: 'medium' }],
    },
    {
      code: [
        "@Component({ selector: 'app-embed', template: '' })",
        'export class EmbedComponent {',
        "  @HostListener('window:message', ['$event'])",
        '  onMessage(event: MessageEvent) {',
        '    this.config = event.data;',
        '  }',
        '}',
      ].join('\n'),
      errors: [{ line: 3, column: 3, confidence: 'medium' }],
    },
    {
      code: [
        'class Bridge {',
        '  start() {',
        "    window.addEventListener('message', this.onMessage.bind(this));",
        '  }',
        '  onMessage({ data }) {',
        '    this.emit(data.type, data.payload);',
        '  }',
        '}',
      ].join('\n'),
      errors: [{ line: 3, column: 5, confidence: 'medium' }],
    },
    {
      // Vue options API: the handler is a method of the component.
      code: [
        'export default {',
        "  mounted() { window.addEventListener('message', this.onMessage); },",
        '  methods: {',
        '    onMessage(e) { this.payload = e.data; },',
        '  },',
        '};',
      ].join('\n'),
      errors: [{ line: 2, column: 15, confidence: 'medium' }],
    },
    {
      code: "$(window).on('message', function (e) {\n  var msg = e.originalEvent.data;\n  $('#status').text(msg.status);\n});",
      errors: [{ line: 1, column: 1, confidence: 'medium' }],
    },
  ],
});
