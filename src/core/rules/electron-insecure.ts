// electron-insecure: BrowserWindow webPreferences that switch off Electron's isolation, and shell.openExternal with unchecked URLs.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import type { Confidence, Fix, Node } from '../types';
import { isFunction, memberPath, propertyName, staticString, unwrap } from '../ast';

const ELECTRON_MENTION = /electron/i;

interface Setting {
  /** The value that weakens the window. */
  insecure: boolean;
  confidence: Confidence;
  risk: string;
  fix?: { text: string; consequence: string };
}

const SETTINGS: Record<string, Setting> = {
  nodeIntegration: {
    insecure: true,
    confidence: 'high',
    risk: 'gives page scripts require() and the whole Node.js API, so any XSS in the window runs commands on the user\'s machine',
    fix: { text: 'false', consequence: 'renderer code that calls require() or Node APIs stops working; expose what it needs from a preload script with contextBridge' },
  },
  nodeIntegrationInWorker: {
    insecure: true,
    confidence: 'medium',
    risk: 'gives web workers the Node.js API, so script injected into the page can reach the file system and processes through a worker',
  },
  nodeIntegrationInSubFrames: {
    insecure: true,
    confidence: 'medium',
    risk: 'gives Node.js access to every frame, including third-party iframes loaded in the window',
  },
  contextIsolation: {
    insecure: false,
    confidence: 'high',
    risk: 'lets page scripts reach the preload script\'s globals and Electron internals, so XSS can escalate through whatever the preload exposes',
    fix: { text: 'true', consequence: 'globals the preload script set on window are no longer visible to the page; expose them with contextBridge.exposeInMainWorld' },
  },
  webSecurity: {
    insecure: false,
    confidence: 'high',
    risk: 'turns off the same-origin policy, so any page in the window can read other sites and local files',
    fix: { text: 'true', consequence: 'cross-origin requests and file:// reads that relied on it will be blocked' },
  },
  allowRunningInsecureContent: {
    insecure: true,
    confidence: 'high',
    risk: 'lets https pages run scripts and styles fetched over plain http, which anyone on the network can replace',
    fix: { text: 'false', consequence: 'http scripts and styles included from https pages will be blocked' },
  },
  enableRemoteModule: {
    insecure: true,
    confidence: 'medium',
    risk: 'exposes the main process to the renderer through the remote module, so XSS in the page controls the main process',
    fix: { text: 'false', consequence: 'renderer code using require(\'electron\').remote stops working; move those calls behind ipcMain handlers' },
  },
  sandbox: {
    insecure: false,
    confidence: 'low',
    risk: 'runs the renderer without the Chromium sandbox, so a renderer exploit gets the privileges of the user',
  },
  experimentalFeatures: {
    insecure: true,
    confidence: 'low',
    risk: 'enables experimental Chromium features that have not had the same security review',
  },
};
/** Settings that only make sense in Electron: an object with one of them is a webPreferences object. */
const ELECTRON_ONLY = new Set(['nodeIntegration', 'contextIsolation', 'enableRemoteModule', 'allowRunningInsecureContent', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames']);
const OPEN_EXTERNAL = new Set(['electron.shell.openExternal', 'shell.openExternal']);
/** Handlers whose URL argument comes from page content (links, window.open). */
const NAVIGATION_EVENTS = new Set(['will-navigate', 'new-window', 'will-redirect']);
/** A test that restricts the scheme or the host of a URL. */
const URL_CHECK = /protocol|startsWith\s*\(|^https?:|\b(?:is|check|validate|verify|allow|safe|trusted)\w*\s*\(|\.(?:includes|has|test|match)\s*\(|hostname|origin/i;

function isWebPreferences(object: TSESTree.ObjectExpression, context: RuleContext): boolean {
  const holder = object.parent;
  if (holder?.type === 'Property' && holder.value === object && propertyName(holder) === 'webPreferences') return true;
  if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' && /webPreferences|prefs/i.test(holder.id.name)) return true;
  if (!context.mentions(ELECTRON_MENTION)) return false;
  return object.properties.some((property) => property.type === 'Property' && ELECTRON_ONLY.has(propertyName(property) ?? ''));
}

function checkObject(node: TSESTree.ObjectExpression, context: RuleContext): void {
  let preferences: boolean | undefined;
  for (const property of node.properties) {
    if (property.type !== 'Property') continue;
    const name = propertyName(property);
    const setting = name === undefined ? undefined : SETTINGS[name];
    if (!setting || name === undefined) continue;
    const value = unwrap(property.value);
    if (value.type !== 'Literal' || value.value !== setting.insecure) continue;
    preferences ??= isWebPreferences(node, context);
    if (!preferences) return;
    const fixes: Fix[] = setting.fix
      ? [{ title: `Set ${name} to ${setting.fix.text} (review: ${setting.fix.consequence})`, safety: 'review', edits: [{ range: [value.range[0], value.range[1]], text: setting.fix.text }] }]
      : [];
    context.report({
      node: property,
      message: `${name}: ${String(setting.insecure)} ${setting.risk}.`,
      confidence: setting.confidence,
      fixes,
    });
  }
}

/** `if (!url.startsWith('https://')) return`, `if (new URL(url).protocol === 'https:')`, an allow-list check. */
function urlChecked(at: Node, name: string | undefined, context: RuleContext): boolean {
  const isCheck = (test: Node): boolean => {
    const text = context.source(test);
    return URL_CHECK.test(text) && (name === undefined || text.includes(name) || /protocol|hostname|origin/.test(text));
  };
  let child: Node = at;
  for (let current: Node | undefined = at.parent; current; child = current, current = current.parent) {
    if ((current.type === 'IfStatement' || current.type === 'ConditionalExpression' || current.type === 'LogicalExpression') && !(current.type === 'LogicalExpression' ? current.left === child : current.test === child)) {
      const test = current.type === 'LogicalExpression' ? current.left : current.test;
      if (isCheck(test)) return true;
    }
    if (current.type === 'BlockStatement' || current.type === 'Program') {
      for (const statement of current.body) {
        if (statement === child) break;
        if (statement.type === 'IfStatement' && isCheck(statement.test)) return true;
      }
    }
    if (isFunction(current)) return false;
  }
  return false;
}

/** The URL came from a navigation or window-open handler: page content chose it. */
function fromPageNavigation(url: Node, at: Node): boolean {
  const inner = unwrap(url);
  const name = inner.type === 'Identifier' ? inner.name : inner.type === 'MemberExpression' && propertyName(inner) === 'url' ? memberPath(inner.object) : undefined;
  if (name === undefined) return false;
  for (let current = at.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const call = current.parent;
    if (call?.type !== 'CallExpression') continue;
    const callee = unwrap(call.callee);
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    const declares = (param: Node | undefined): boolean => {
      if (!param) return false;
      if (param.type === 'Identifier') return param.name === name;
      return param.type === 'ObjectPattern' && param.properties.some((property) => property.type === 'Property' && property.value.type === 'Identifier' && property.value.name === name);
    };
    if (method === 'setWindowOpenHandler' && declares(current.params[0])) return true;
    if ((method === 'on' || method === 'once') && NAVIGATION_EVENTS.has(staticString(call.arguments[0]) ?? '') && declares(current.params[1])) return true;
  }
  return false;
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const name = context.qualifiedName(node.callee);
  if (name === 'electron.app.commandLine.appendSwitch' || /(?:^|\.)app\.commandLine\.appendSwitch$/.test(name ?? '')) {
    if (staticString(node.arguments[0]) === 'disable-web-security') {
      context.report({ node, message: "The disable-web-security switch turns off the same-origin policy in every window, so any page can read other sites and local files.", confidence: 'high' });
    }
    return;
  }
  if (name === undefined || !OPEN_EXTERNAL.has(name)) return;
  if (name === 'shell.openExternal' && !context.mentions(ELECTRON_MENTION)) return;
  const url = node.arguments[0];
  if (!url) return;
  const value = context.evaluate(url);
  if (value.kind === 'constant') return;
  const inner = unwrap(url);
  // A fixed https:// (or mailto:) start pins the scheme.
  const first = inner.type === 'TemplateLiteral' ? inner.quasis[0].value.cooked : inner.type === 'BinaryExpression' ? staticString(inner.left as Node) : undefined;
  if (first && /^(?:https?:\/\/[^/]+|mailto:)/i.test(first)) return;
  const checkedName = inner.type === 'Identifier' ? inner.name : memberPath(inner);
  if (urlChecked(node, checkedName, context)) return;
  let evidence = sinkEvidence(value, undefined);
  let origin: string;
  if (evidence && value.kind === 'tainted' && value.label.startsWith('IPC')) {
    // The renderer is only an attacker once it is compromised: likely, not certain.
    evidence = { confidence: 'medium', related: evidence.related };
    origin = 'a URL sent by the renderer over IPC';
  } else if (evidence) {
    origin = 'a URL taken from user input';
  } else if (fromPageNavigation(url, node)) {
    evidence = { confidence: 'medium', related: [] };
    origin = 'a URL chosen by page content (a link or window.open)';
  } else {
    evidence = { confidence: 'low', related: [] };
    origin = 'a URL whose scheme is never checked';
  }
  context.report({
    node,
    message: `shell.openExternal() opens ${origin}; without an https: check, file:, smb: or custom-protocol URLs can launch programs on the user's machine.`,
    confidence: evidence.confidence,
    related: evidence.related,
  });
}

export const electronInsecure: Rule = {
  meta: {
    id: 'electron-insecure',
    category: 'web-config',
    title: 'Insecure Electron configuration',
    description: 'webPreferences that disable context isolation, web security or the sandbox, or enable Node.js in pages, and shell.openExternal with unchecked URLs.',
    severity: 'error',
    cwe: [94, 693],
    fixable: true,
  },
  visitors: {
    ObjectExpression: checkObject,
    CallExpression: checkCall,
  },
};
