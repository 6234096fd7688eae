import { app, BrowserWindow, shell, ipcMain } from 'electron';
import path from 'node:path';

const ALLOWED_EXTERNAL_HOSTS = new Set(['acme.io', 'docs.acme.io']);

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    webPreferences: { preload: path.join(__dirname, 'preload.js') }, // safe
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (ALLOWED_EXTERNAL_HOSTS.has(new URL(url).hostname)) void shell.openExternal(url); // safe
    return { action: 'deny' };
  });
  void win.loadURL(app.isPackaged ? `file://${path.join(__dirname, 'index.html')}` : 'http://localhost:5173'); // safe
  return win;
}

ipcMain.handle('app:version', () => app.getVersion());

app.whenReady().then(createWindow);
