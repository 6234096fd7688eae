const { app, BrowserWindow, ipcMain, shell, session } = require('electron');
const path = require('path');

const DOCS_URL = 'https://docs.acme.io';

function createMainWindow() {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    webPreferences: {
      nodeIntegration: true, // expect: electron-insecure
      contextIsolation: false, // expect: electron-insecure
      webSecurity: false, // expect: electron-insecure
      preload: path.join(__dirname, 'preload.js'),
    },
  });
  win.loadFile('index.html');
  return win;
}

function createSettingsWindow() {
  const win = new BrowserWindow({
    width: 600,
    height: 400,
    webPreferences: {
      nodeIntegration: false, // safe
      contextIsolation: true, // safe
      sandbox: true, // safe
      preload: path.join(__dirname, 'settings-preload.js'),
    },
  });
  win.loadFile('settings.html');
  return win;
}

function createLegacyViewer() {
  return new BrowserWindow({ webPreferences: { allowRunningInsecureContent: true, sandbox: false } }); // expect: electron-insecure
}

ipcMain.handle('open-link', async (_event, url) => {
  await shell.openExternal(url); // expect: electron-insecure
});

ipcMain.handle('open-link-safe', async (_event, url) => {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') throw new Error('blocked protocol');
  await shell.openExternal(parsed.toString()); // safe
});

ipcMain.handle('open-docs', async () => {
  await shell.openExternal(DOCS_URL); // safe
});

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  createMainWindow();
  createSettingsWindow();
  createLegacyViewer();
});
