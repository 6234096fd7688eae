// "Codeward: Review Changes": findings on lines changed since HEAD or the merge base with the default branch, in a
// tree grouped by file with the total; the comparison chosen is remembered; files can be marked reviewed.
import * as vscode from 'vscode';
import { findGitRoot, GitError, resolveReviewBase, reviewReport, scanChanges } from '../core';
import type { Finding, ReviewBase } from '../core';
import type { ConfigStore } from './configs';

export const REVIEW_VIEW = 'codeward.review';
const BASE_KEY = 'codeward.review.base';
const REVIEWED_KEY = 'codeward.review.reviewed';

/** What a review found, as the command returns it (tests and other extensions read it). */
export interface ReviewSummary {
  root: string;
  base: string;
  /** Findings in files not marked reviewed. */
  total: number;
  files: { path: string; reviewed: boolean; findings: { line: number; ruleId: string; message: string }[] }[];
}

interface FileNode {
  kind: 'file';
  path: string;
  uri: vscode.Uri;
  findings: Finding[];
  reviewed: boolean;
}
interface FindingNode {
  kind: 'finding';
  file: FileNode;
  finding: Finding;
}
type ReviewNode = FileNode | FindingNode;

export interface ReviewOptions {
  base?: ReviewBase;
  /** A folder in the repository to review; default the active editor's workspace folder, else the first one. */
  folder?: vscode.Uri;
}

export class ReviewChanges implements vscode.TreeDataProvider<ReviewNode>, vscode.Disposable {
  private files: FileNode[] = [];
  private root: string | undefined;
  private baseLabel = '';
  private readonly changed = new vscode.EventEmitter<ReviewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<ReviewNode>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly configs: ConfigStore,
    private readonly workerScript: string,
  ) {
    this.view = vscode.window.createTreeView(REVIEW_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.view.message = 'Run "Codeward: Review Changes" to list findings on changed lines.';
  }

  /** Reviews with the remembered comparison (asking the first time), or the one given. */
  async review(options: ReviewOptions = {}): Promise<ReviewSummary | undefined> {
    const base = options.base ?? this.context.workspaceState.get<ReviewBase>(BASE_KEY) ?? (await this.askBase());
    if (!base) return undefined;
    await this.context.workspaceState.update(BASE_KEY, base);
    const folder = options.folder?.fsPath ?? this.defaultFolder();
    const root = folder === undefined ? undefined : findGitRoot(folder);
    if (root === undefined) {
      void vscode.window.showWarningMessage('Codeward: Review Changes needs a folder inside a git repository.');
      return undefined;
    }
    try {
      const resolved = resolveReviewBase(root, base);
      const { config } = this.configs.forDirectory(root, vscode.Uri.file(root));
      const report = await vscode.window.withProgress(
        { location: { viewId: REVIEW_VIEW }, title: 'Codeward: reviewing changes' },
        () => scanChanges([root], { root, config }, { kind: 'diff', ref: resolved.ref }, { workerScript: this.workerScript }),
      );
      if (!report) return undefined;
      const reviewed = reviewReport(report, { ...this.configs.policyFor(root), rules: config.rules });
      const marks = new Set(this.context.workspaceState.get<string[]>(REVIEWED_KEY) ?? []);
      this.root = root;
      this.baseLabel = resolved.label;
      this.files = reviewed.files
        .map((file) => ({ file, findings: file.findings.filter((finding) => !finding.suppression) }))
        .filter(({ findings }) => findings.length > 0)
        .map(({ file, findings }) => ({ kind: 'file' as const, path: file.path, uri: vscode.Uri.file(file.absolutePath), findings, reviewed: false }));
      for (const file of this.files) file.reviewed = marks.has(this.reviewKey(file));
      this.refresh();
      await vscode.commands.executeCommand(`${REVIEW_VIEW}.focus`);
      return this.summary();
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      void vscode.window.showWarningMessage(`Codeward: git: ${error.message}`);
      return undefined;
    }
  }

  /** Asks which comparison to use, remembers it and reviews again. */
  async chooseBase(): Promise<ReviewSummary | undefined> {
    const base = await this.askBase();
    return base ? this.review({ base }) : undefined;
  }

  /** Marks a file (a tree node, or its path relative to the repository) reviewed until its findings change. */
  async markReviewed(target: FileNode | string): Promise<void> {
    const file = typeof target === 'string' ? this.files.find((candidate) => candidate.path === target) : target;
    if (!file) return;
    file.reviewed = true;
    const marks = new Set(this.context.workspaceState.get<string[]>(REVIEWED_KEY) ?? []);
    marks.add(this.reviewKey(file));
    await this.context.workspaceState.update(REVIEWED_KEY, [...marks]);
    this.refresh();
  }

  summary(): ReviewSummary {
    return {
      root: this.root ?? '',
      base: this.baseLabel,
      total: this.total(),
      files: this.files.map((file) => ({
        path: file.path,
        reviewed: file.reviewed,
        findings: file.findings.map((finding) => ({ line: finding.start.line, ruleId: finding.ruleId, message: finding.message })),
      })),
    };
  }

  getTreeItem(node: ReviewNode): vscode.TreeItem {
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.uri, node.reviewed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.label = node.path;
      item.description = `${count(node.findings.length, 'finding')}${node.reviewed ? ' · reviewed' : ''}`;
      item.contextValue = node.reviewed ? 'codeward.reviewedFile' : 'codeward.reviewFile';
      item.iconPath = node.reviewed ? new vscode.ThemeIcon('pass') : vscode.ThemeIcon.File;
      return item;
    }
    const { finding } = node;
    const item = new vscode.TreeItem(`${finding.start.line}: ${finding.message}`, vscode.TreeItemCollapsibleState.None);
    item.description = finding.aiAuthorship ? `${finding.ruleId} · AI-authored (${finding.aiAuthorship.agent})` : finding.ruleId;
    item.tooltip = `${finding.severity} · ${finding.ruleId}\n${finding.message}`;
    item.iconPath = new vscode.ThemeIcon(finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info');
    const selection = new vscode.Range(finding.start.line - 1, finding.start.column - 1, finding.end.line - 1, finding.end.column - 1);
    item.command = { command: 'vscode.open', title: 'Open', arguments: [node.file.uri, { selection }] };
    return item;
  }

  getChildren(node?: ReviewNode): ReviewNode[] {
    if (!node) return this.files;
    return node.kind === 'file' ? node.findings.map((finding) => ({ kind: 'finding' as const, file: node, finding })) : [];
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }

  private refresh(): void {
    const total = this.total();
    this.view.message = `${count(total, 'finding')} on lines changed since ${this.baseLabel}` +
      (this.files.some((file) => file.reviewed) ? ` (reviewed files not counted)` : '') + '.';
    this.view.badge = { value: total, tooltip: `${count(total, 'finding')} to review` };
    this.changed.fire(undefined);
  }

  private total(): number {
    return this.files.reduce((sum, file) => sum + (file.reviewed ? 0 : file.findings.length), 0);
  }

  /** A reviewed mark holds while the file's findings stay the same. */
  private reviewKey(file: FileNode): string {
    return `${this.root}\0${file.path}\0${file.findings.map((finding) => finding.fingerprint).sort().join(',')}`;
  }

  private defaultFolder(): string | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
    return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
  }

  private async askBase(): Promise<ReviewBase | undefined> {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Changes since HEAD', description: 'uncommitted work', base: 'head' as const },
        { label: 'Changes since the merge base with the default branch', description: 'the whole branch, as a pull request shows it', base: 'mergeBase' as const },
      ],
      { title: 'Codeward: Review Changes', placeHolder: 'Compare the working tree with…' },
    );
    return picked?.base;
  }
}

function count(n: number, singular: string): string {
  return `${n} ${n === 1 ? singular : `${singular}s`}`;
}
