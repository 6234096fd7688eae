// Keeps the Scope view and the status bar's classification in step with the scope file, the inferred signals and
// the findings. The full status (inference reads files and git history) is computed when the view is shown, when the
// scope file changes, after a workspace scan and on Refresh; findings only re-render the model.
import { relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { agentAccessSummary, scopeStatus } from '../../core';
import type { AgentAccess, ScopeStatus } from '../../core';
import type { DocumentAnalyzer } from '../analyzer';
import type { ConfigStore } from '../configs';
import type { WorkspaceScanner } from '../workspaceScan';
import { buildPanelModel, LocatedFinding } from './buildPanelModel';
import type { ScopeFiles } from './scopeFiles';
import type { ScopeView } from './scopeView';

const RENDER_DELAY_MS = 250;

export class ScopeController implements vscode.Disposable {
  private status: ScopeStatus | undefined;
  private agents: AgentAccess[] = [];
  private computing: Promise<ScopeStatus | undefined> | undefined;
  private renderTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the status was recomputed (the status bar listens). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly view: ScopeView,
    private readonly scopes: ScopeFiles,
    private readonly configs: ConfigStore,
    private readonly analyzer: DocumentAnalyzer,
    private readonly scanner: WorkspaceScanner,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      scopes.onDidChange(() => void this.refresh()),
      scanner.onDidScan(() => void this.refresh()),
      configs.onDidChange(() => void this.refresh()),
      analyzer.onDidChangeResults(() => this.scheduleRender()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refresh()),
    );
  }

  /** The workspace folder the scope is shown for, and the scope's root (its git root, else the folder). */
  target(): { folder: vscode.WorkspaceFolder; root: string } | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return undefined;
    return { folder, root: this.configs.forDirectory(folder.uri.fsPath, folder.uri).root };
  }

  lastStatus(): ScopeStatus | undefined {
    return this.status;
  }

  /** The last computed status, or the one being computed; computes it when there is none yet. */
  async current(): Promise<ScopeStatus | undefined> {
    return this.computing ?? this.status ?? this.refresh();
  }

  /** Recomputes the status (one computation at a time; a request during one starts another after it). */
  refresh(): Promise<ScopeStatus | undefined> {
    const previous = this.computing ?? Promise.resolve(undefined);
    const next = previous.then(() => this.compute());
    this.computing = next;
    void next.finally(() => {
      if (this.computing === next) this.computing = undefined;
    });
    return next;
  }

  private async compute(): Promise<ScopeStatus | undefined> {
    const target = this.target();
    if (!target) {
      this.status = undefined;
      this.changed.fire();
      return undefined;
    }
    const { root, folder } = target;
    if (!vscode.workspace.isTrusted) {
      // Working out the scope runs git in the repository (history since the threat-model review), which a repository's
      // own git configuration can turn into running its programs: only in a trusted workspace, like VS Code's git.
      this.status = undefined;
      this.changed.fire();
      this.view.showProblem('Trust this workspace to see its sensitivity scope: Codeward reads its git history to check the threat model. Until then, the declared scope still applies to findings.');
      return undefined;
    }
    try {
      const started = performance.now();
      const report = this.scanner.lastReports().find((candidate) => candidate.root === root);
      const { config } = this.configs.forDirectory(folder.uri.fsPath, folder.uri);
      this.status = await scopeStatus(root, { config, report, loaded: this.scopes.forRoot(root) });
      // Recomputed with the status, not per render: it reads the agent settings files under the root.
      this.agents = agentAccessSummary(root, { exclude: config.exclude, maxFileSizeKb: config.maxFileSizeKb, rules: config.rules, scope: this.scopes.policyFor(root) }).agents;
      this.log.debug(`scope of ${root}: ${this.status.effectiveClassification} in ${(performance.now() - started).toFixed(0)} ms`);
    } catch (error) {
      this.log.error(`scope status of ${root} failed: ${(error as Error)?.stack ?? String(error)}`);
      this.status = undefined;
      this.view.showProblem(`Codeward could not work out the scope of ${folder.name}: ${(error as Error)?.message ?? String(error)}. Details are in the Codeward output.`);
    }
    this.changed.fire();
    this.render();
    return this.status;
  }

  private scheduleRender(): void {
    clearTimeout(this.renderTimer);
    this.renderTimer = setTimeout(() => this.render(), RENDER_DELAY_MS);
  }

  private render(): void {
    const target = this.target();
    if (!this.status || !target) return;
    const scanned = this.scanner.lastReports().some((report) => report.root === this.status?.root);
    this.view.show(buildPanelModel(
      target.folder.name,
      this.status,
      this.findingsUnder(this.status.root),
      scanned ? 'Open files and the last workspace scan.' : 'Open files. Scan the workspace to include every file.',
      this.agents,
    ));
  }

  /** Open documents' findings (newest analysis first), then the last workspace scan's for files that are not open. */
  private findingsUnder(root: string): LocatedFinding[] {
    const located: LocatedFinding[] = [];
    const seen = new Set<string>();
    const pathIn = (fsPath: string): string | undefined => {
      const path = relative(root, fsPath);
      return path === '' || path.startsWith('..') ? undefined : path.split(sep).join('/');
    };
    for (const { uri, findings } of this.analyzer.openFindingsByDocument()) {
      const path = uri.scheme === 'file' ? pathIn(uri.fsPath) : undefined;
      if (path === undefined) continue;
      seen.add(uri.fsPath);
      located.push(...findings.map((finding) => ({ path, finding })));
    }
    for (const report of this.scanner.lastReports()) {
      for (const file of report.files) {
        const path = pathIn(file.absolutePath);
        if (path === undefined || seen.has(file.absolutePath)) continue;
        located.push(...file.findings.filter((finding) => !finding.suppression).map((finding) => ({ path, finding })));
      }
    }
    return located;
  }

  dispose(): void {
    clearTimeout(this.renderTimer);
    this.disposables.forEach((disposable) => disposable.dispose());
    this.changed.dispose();
  }
}
