// Repository configuration for the editor: cached per root, re-read when a config file changes, one warning per problem.
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { BaselineError, ConfigError, DEFAULT_CONFIG, findBaseline, findGitRoot, layerConfig, loadConfig, loadLedger } from '../core';
import type { CodewardConfig, ReviewPolicy } from '../core';
import { readSettings } from './settings';

export interface ResolvedConfig {
  root: string;
  config: CodewardConfig;
}

export class ConfigStore implements vscode.Disposable {
  private readonly byRoot = new Map<string, CodewardConfig>();
  private readonly policyByRoot = new Map<string, ReviewPolicy>();
  private readonly rootByDirectory = new Map<string, string>();
  private readonly warned = new Set<string>();
  /** config.json, baseline.json and the suppressions ledger. */
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/.codeward/*.json');
  /** A .codeward folder created or deleted together with its config.json is reported as the folder only. */
  private readonly folderWatcher = vscode.workspace.createFileSystemWatcher('**/.codeward', false, true, false);
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly folders: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const reset = (): void => {
      this.byRoot.clear();
      this.policyByRoot.clear();
      this.changed.fire();
    };
    this.watcher.onDidChange(reset);
    this.watcher.onDidCreate(reset);
    this.watcher.onDidDelete(reset);
    this.folderWatcher.onDidCreate(reset);
    this.folderWatcher.onDidDelete(reset);
    this.folders = vscode.workspace.onDidChangeWorkspaceFolders(() => {
      this.rootByDirectory.clear();
      reset();
    });
  }

  /** Configuration for a file on disk: the repository file (ignored in an untrusted workspace) under the user's settings. */
  forFile(fsPath: string, scope: vscode.ConfigurationScope | undefined): ResolvedConfig {
    return this.forDirectory(dirname(fsPath), scope);
  }

  forDirectory(directory: string, scope: vscode.ConfigurationScope | undefined): ResolvedConfig {
    let root = this.rootByDirectory.get(directory);
    if (root === undefined) {
      root = rootOf(directory);
      this.rootByDirectory.set(directory, root);
    }
    return { root, config: layerConfig(this.repositoryConfig(root), readSettings(scope).overrides) };
  }

  /** For documents without a file (untitled): defaults under the user's settings. */
  forUntitled(scope: vscode.ConfigurationScope | undefined): CodewardConfig {
    return layerConfig(DEFAULT_CONFIG, readSettings(scope).overrides);
  }

  /** The repository's baseline and suppressions ledger; neither in an untrusted workspace, where they could hide findings. */
  policyFor(root: string): ReviewPolicy {
    let policy = this.policyByRoot.get(root);
    if (!policy) {
      policy = { root };
      if (vscode.workspace.isTrusted) {
        try {
          policy.baseline = findBaseline(root);
        } catch (error) {
          if (!(error instanceof BaselineError)) throw error;
          this.warnOnce(`${error.message}. Showing every finding until it is fixed.`);
        }
        try {
          policy.ledger = loadLedger(root);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          this.warnOnce(`invalid suppressions ledger: ${error.message}. Ignoring it until it is fixed.`);
        }
      }
      this.policyByRoot.set(root, policy);
    }
    return policy;
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.log.warn(message);
    void vscode.window.showWarningMessage(`Codeward: ${message}`);
  }

  private repositoryConfig(root: string): CodewardConfig {
    // A repository we do not trust must not be able to switch rules off or exclude its own files.
    if (!vscode.workspace.isTrusted) return DEFAULT_CONFIG;
    let config = this.byRoot.get(root);
    if (!config) {
      try {
        config = loadConfig(root).config;
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        this.warnOnce(`invalid configuration: ${error.message}. Using the defaults until it is fixed.`);
        config = DEFAULT_CONFIG;
      }
      this.byRoot.set(root, config);
    }
    return config;
  }

  dispose(): void {
    this.folders.dispose();
    this.watcher.dispose();
    this.folderWatcher.dispose();
    this.changed.dispose();
  }
}

/**
 * The git root, else the workspace folder: the root Scan Workspace and `codeward scan <folder>` use, so a folder that
 * is not a repository keeps one .codeward/config.json for all its files (not one per directory).
 */
function rootOf(directory: string): string {
  const gitRoot = findGitRoot(directory);
  if (gitRoot !== undefined) return gitRoot;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(directory));
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : directory;
}
