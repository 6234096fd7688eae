import { electronInsecure } from '../../../src/core/rules/electron-insecure';
import { testRule } from '../../helpers/rule-tester';

const window = (preferences: string): string =>
  `const { BrowserWindow } = require('electron');\nconst win = new BrowserWindow({ width: 800, webPreferences: { ${preferences} } });`;

testRule(electronInsecure, {
  valid: [
    // Electron's secure defaults, spelled out.
    window("nodeIntegration: false, contextIsolation: true, sandbox: true, preload: path.join(__dirname, 'preload.js')"),
    window('webSecurity: true, allowRunningInsecureContent: false'),
    // Not Electron: the same words elsewhere mean nothing here.
    'const config = { sandbox: false, webSecurity: false };',
    "const options = { nodeIntegration: true };\nexport default options;",
    // openExternal with a fixed URL, or after a scheme check.
    "const { shell } = require('electron');\nshell.openExternal('https://github.com/acme/app/issues');",
    "const { shell } = require('electron');\nexport function openDocs(page) {\n  return shell.openExternal(`https://docs.acme.dev/${page}`);\n}",
    [
      "const { shell } = require('electron');",
      'mainWindow.webContents.setWindowOpenHandler(({ url }) => {',
      "  if (url.startsWith('https://')) shell.openExternal(url);",
      "  return { action: 'deny' };",
      '});',
    ].join('\n'),
    [
      "import { ipcMain, shell } from 'electron';",
      "ipcMain.handle('open-link', async (_event, url) => {",
      '  const parsed = new URL(url);',
      "  if (parsed.protocol !== 'https:') throw new Error('blocked protocol');",
      '  await shell.openExternal(parsed.toString());',
      '});',
    ].join('\n'),
    [
      "import { ipcMain, shell } from 'electron';",
      "const DOCS_URL = 'https://docs.acme.io';",
      "ipcMain.handle('open-docs', async () => {",
      '  await shell.openExternal(DOCS_URL);',
      '});',
    ].join('\n'),
    // Other command-line switches.
    "import { app } from 'electron';\napp.commandLine.appendSwitch('enable-features', 'WebGPU');",
  ],
  invalid: [
    {
      code: [
        "const { app, BrowserWindow } = require('electron');",
        'function createWindow() {',
        '  const win = new BrowserWindow({',
        '    webPreferences: {',
        '      nodeIntegration: true,',
        '      contextIsolation: false,',
        '    },',
        '  });',
        '}',
      ].join('\n'),
      errors: [
        {
          line: 5,
          column: 7,
          endColumn: 28,
          confidence: 'high',
          message: /nodeIntegration: true gives page scripts require\(\)/,
          fixes: [
            {
              safety: 'review',
              title: /contextBridge/,
              output: [
                "const { app, BrowserWindow } = require('electron');",
                'function createWindow() {',
                '  const win = new BrowserWindow({',
                '    webPreferences: {',
                '      nodeIntegration: false,',
                '      contextIsolation: false,',
                '    },',
                '  });',
                '}',
              ].join('\n'),
            },
          ],
        },
        {
          line: 6,
          column: 7,
          confidence: 'high',
          message: /contextIsolation: false/,
          fixes: [
            {
              safety: 'review',
              output: [
                "const { app, BrowserWindow } = require('electron');",
                'function createWindow() {',
                '  const win = new BrowserWindow({',
                '    webPreferences: {',
                '      nodeIntegration: true,',
                '      contextIsolation: true,',
                '    },',
                '  });',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      code: window('webSecurity: false'),
      errors: [{ line: 2, column: 63, confidence: 'high', message: /same-origin policy/, fixes: [{ safety: 'review', output: window('webSecurity: true') }] }],
    },
    {
      code: window('allowRunningInsecureContent: true'),
      errors: [{ line: 2, column: 63, confidence: 'high', fixes: [{ safety: 'review', output: window('allowRunningInsecureContent: false') }] }],
    },
    {
      code: window('sandbox: false'),
      errors: [{ line: 2, column: 63, confidence: 'low', message: /Chromium sandbox/ }],
    },
    {
      code: window('enableRemoteModule: true'),
      errors: [{ line: 2, column: 63, confidence: 'medium', fixes: [{ safety: 'review', output: window('enableRemoteModule: false') }] }],
    },
    {
      // Preferences kept in a variable.
      code: "import { BrowserWindow } from 'electron';\nconst webPreferences = { nodeIntegrationInWorker: true };\nnew BrowserWindow({ webPreferences });",
      errors: [{ line: 2, column: 26, confidence: 'medium' }],
    },
    {
      code: "import { ipcMain, shell } from 'electron';\nipcMain.handle('open-link', async (_event, url) => {\n  await shell.openExternal(url);\n});",
      errors: [{ line: 3, column: 9, endColumn: 32, confidence: 'medium', message: /sent by the renderer over IPC/ }],
    },
    {
      code: [
        "const { shell } = require('electron');",
        'mainWindow.webContents.setWindowOpenHandler(({ url }) => {',
        '  shell.openExternal(url);',
        "  return { action: 'deny' };",
        '});',
      ].join('\n'),
      errors: [{ line: 3, column: 3, confidence: 'medium', message: /chosen by page content/ }],
    },
    {
      code: [
        "const { shell } = require('electron');",
        "win.webContents.on('will-navigate', (event, url) => {",
        '  event.preventDefault();',
        '  shell.openExternal(url);',
        '});',
      ].join('\n'),
      errors: [{ line: 4, column: 3, confidence: 'medium' }],
    },
    {
      // A deep link handed over on the command line.
      code: "const { shell } = require('electron');\nconst link = process.argv.find((arg) => arg.startsWith('acme://'));\nshell.openExternal(process.argv[2]);",
      errors: [{ line: 3, column: 1, confidence: 'high', message: /taken from user input/ }],
    },
    {
      code: "import { app } from 'electron';\napp.commandLine.appendSwitch('disable-web-security');",
      errors: [{ line: 2, column: 1, confidence: 'high' }],
    },
  ],
});
