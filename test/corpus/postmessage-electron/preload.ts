import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('api', {
  openLink: (url: string) => ipcRenderer.invoke('open-link-safe', url), // safe
  getVersion: () => ipcRenderer.invoke('get-version'),
});
