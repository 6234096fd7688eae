// Desktop wrapper for the back office (Electron): loads the web app and lets it save exports locally.
import { app, BrowserWindow } from 'electron';

const APP_URL = process.env.ACME_APP_URL ?? 'https://backoffice.acme-shop.io';

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Acme Back Office',
    webPreferences: {
      // The report pages call require('fs') to save PDF exports to the user's Documents folder.
      nodeIntegration: true,
      contextIsolation: false,
    },
  });
  void win.loadURL(APP_URL);
}

app.whenReady().then(createWindow);

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) createWindow();
});
