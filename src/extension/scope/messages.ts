// Messages from the Scope webview, checked before the extension acts on them: the webview renders repository text,
// so nothing it sends is trusted as is.
import type { PanelLocation } from './panelModel';

export const PANEL_COMMANDS = {
  initScope: 'codeward.initScope',
  markThreatModelReviewed: 'codeward.markThreatModelReviewed',
  scanWorkspace: 'codeward.scanWorkspace',
  exportSarif: 'codeward.exportSarif',
} as const;

export type PanelCommand = keyof typeof PANEL_COMMANDS;

export type PanelMessage =
  | { type: 'ready' }
  | { type: 'rendered'; text: string }
  | { type: 'command'; command: PanelCommand }
  | { type: 'open'; location: PanelLocation };

const MAX_RENDERED_TEXT = 20_000;
const MAX_PATH = 4096;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** A relative path that stays inside the root: no absolute paths, no `..` segments, no URIs. */
function isInsidePath(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PATH) return false;
  if (value.startsWith('/') || value.startsWith('\\') || /^[a-zA-Z]:/.test(value) || value.includes('\0')) return false;
  return !value.split(/[\\/]/).includes('..');
}

export function parsePanelMessage(message: unknown): PanelMessage | undefined {
  if (!isRecord(message)) return undefined;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'rendered':
      return typeof message.text === 'string' ? { type: 'rendered', text: message.text.slice(0, MAX_RENDERED_TEXT) } : undefined;
    case 'command':
      return typeof message.command === 'string' && Object.hasOwn(PANEL_COMMANDS, message.command)
        ? { type: 'command', command: message.command as PanelCommand }
        : undefined;
    case 'open': {
      const location = message.location;
      if (!isRecord(location) || !isInsidePath(location.path) || !isPositiveInteger(location.line) || !isPositiveInteger(location.column)) return undefined;
      return { type: 'open', location: { path: location.path, line: location.line, column: location.column } };
    }
    default:
      return undefined;
  }
}
