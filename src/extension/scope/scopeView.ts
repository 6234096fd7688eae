// The Scope webview view: loads media/scope-panel.{html,css,js} under a strict CSP with a nonce, posts the view
// model, and acts on the webview's (validated) messages. Keeps the last model and the text the webview rendered so
// tests can see what a user sees.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { PANEL_COMMANDS, parsePanelMessage } from './messages';
import type { PanelLocation, PanelModel } from './panelModel';

export const SCOPE_VIEW_ID = 'codeward.scope';

export interface ScopeViewSnapshot {
  model: PanelModel | undefined;
  problem: string | undefined;
  /** The document the view was given (its CSP, scripts and styles). */
  html: string | undefined;
  /** The text the webview rendered for the last model it received (undefined until it has rendered). */
  renderedText: string | undefined;
  visible: boolean;
}

export class ScopeView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private model: PanelModel | undefined;
  /** Shown instead of the model when the scope could not be computed. */
  private problem: string | undefined;
  private renderedText: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly rendered = new vscode.EventEmitter<void>();
  /** Fires when the webview reports it rendered a model. */
  readonly onDidRender = this.rendered.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    /** Where `open` messages resolve paths; the view never opens anything outside it. */
    private readonly rootOf: () => vscode.Uri | undefined,
    private readonly log: vscode.LogOutputChannel,
    private readonly onVisible: () => void,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const codicons = vscode.Uri.joinPath(this.extensionUri, 'dist', 'codicons');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media, codicons] };
    view.webview.html = this.html(view.webview, media, codicons);
    this.disposables.push(
      view.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      view.onDidChangeVisibility(() => {
        if (view.visible) this.onVisible();
      }),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        this.renderedText = undefined;
      }),
    );
    this.onVisible();
  }

  show(model: PanelModel): void {
    this.model = model;
    this.problem = undefined;
    void this.post();
  }

  showProblem(problem: string): void {
    this.model = undefined;
    this.problem = problem;
    void this.post();
  }

  snapshot(): ScopeViewSnapshot {
    return { model: this.model, problem: this.problem, html: this.view?.webview.html, renderedText: this.renderedText, visible: this.view?.visible ?? false };
  }

  private async post(): Promise<void> {
    if (!this.view) return;
    if (this.model) await this.view.webview.postMessage({ type: 'model', model: this.model });
    else if (this.problem !== undefined) await this.view.webview.postMessage({ type: 'problem', problem: this.problem });
  }

  private html(webview: vscode.Webview, media: vscode.Uri, codicons: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    const values: Record<string, string> = {
      csp,
      nonce,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'scope-panel.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'scope-panel.js')).toString(),
      codiconsUri: webview.asWebviewUri(vscode.Uri.joinPath(codicons, 'codicon.css')).toString(),
    };
    const template = readFileSync(vscode.Uri.joinPath(media, 'scope-panel.html').fsPath, 'utf8');
    return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
  }

  private receive(raw: unknown): void {
    const message = parsePanelMessage(raw);
    if (!message) {
      this.log.warn(`Scope view: ignored an unexpected message: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        void this.post();
        return;
      case 'rendered':
        this.renderedText = message.text;
        this.rendered.fire();
        return;
      case 'command':
        void vscode.commands.executeCommand(PANEL_COMMANDS[message.command]);
        return;
      case 'open':
        void this.open(message.location);
    }
  }

  private async open(location: PanelLocation): Promise<void> {
    const root = this.rootOf();
    if (!root) return;
    const uri = vscode.Uri.joinPath(root, ...location.path.split(/[\\/]/));
    const position = new vscode.Position(location.line - 1, location.column - 1);
    try {
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
    } catch (error) {
      void vscode.window.showWarningMessage(`Codeward: cannot open ${location.path}: ${(error as Error).message}`);
    }
  }

  dispose(): void {
    this.disposables.forEach((disposable) => disposable.dispose());
    this.rendered.dispose();
  }
}
