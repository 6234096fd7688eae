// Which commits of a change declare AI authorship, and which changed lines they wrote. Local git only: `git log` for
// trailers, authors and merged branch names, `git blame --porcelain` for lines.
import type { AiAuthorship, Finding } from '../types';
import { git, resolveCommit } from '../git';

interface Identity {
  agent: string;
  /** Matched against "Name <email>" in lower case. */
  pattern: RegExp;
}

// From the assistants' documented or observed attributions. Names alone are matched only when no person plausibly
// has them ("Cursor Agent", "aider (gpt-4o)"), e-mail addresses otherwise.
const IDENTITIES: Identity[] = [
  { agent: 'Copilot', pattern: /<(?:\d+\+)?copilot@users\.noreply\.github\.com>|copilot-swe-agent|^(?:github )?copilot </ },
  { agent: 'Claude', pattern: /<noreply@anthropic\.com>|^claude(?:\[bot\])? <.*@users\.noreply\.github\.com>/ },
  { agent: 'Codex', pattern: /<noreply@openai\.com>|chatgpt-codex-connector|^(?:openai )?codex </ },
  { agent: 'Cursor', pattern: /<cursoragent@cursor\.com>|^cursor agent </ },
  { agent: 'Aider', pattern: /<noreply@aider\.chat>|^aider \(.*\) <|\(aider\) </ },
  { agent: 'Devin', pattern: /devin-ai-integration(?:\[bot\])?@|<devin@cognition\.ai>/ },
  { agent: 'Gemini', pattern: /gemini-code-assist(?:\[bot\])?@|gemini-cli(?:\[bot\])?@|^gemini(?: cli| code assist)? </ },
  { agent: 'Jules', pattern: /google-labs-jules(?:\[bot\])?@/ },
  { agent: 'Amazon Q', pattern: /amazon-q-developer(?:\[bot\])?@|^amazon q(?: developer)? </ },
  { agent: 'OpenHands', pattern: /<openhands@all-hands\.dev>/ },
  { agent: 'Windsurf', pattern: /<noreply@(?:windsurf|codeium)\.com>/ },
];

/** Branch prefixes the assistants' cloud agents push to. */
const BRANCH_AGENTS: Record<string, string> = {
  copilot: 'Copilot', codex: 'Codex', claude: 'Claude', cursor: 'Cursor', devin: 'Devin', jules: 'Jules',
  gemini: 'Gemini', 'amazon-q': 'Amazon Q', openhands: 'OpenHands', aider: 'Aider',
};

const TRAILER = /^co-authored-by:\s*(.+?)\s*$/gim;

/** The assistant an identity ("Name <email>") belongs to, if any. */
export function agentOfIdentity(identity: string): string | undefined {
  const lower = identity.trim().toLowerCase();
  return IDENTITIES.find((candidate) => candidate.pattern.test(lower))?.agent;
}

/** The assistant whose cloud agent pushes to a branch of this name ("copilot/fix-1", "origin/codex/x"). */
export function agentOfBranch(branch: string): string | undefined {
  const name = branch.replace(/^refs\/(?:heads|remotes\/[^/]+)\//, '').replace(/^origin\//, '');
  const prefix = /^([a-z-]+)\//i.exec(name)?.[1].toLowerCase();
  return prefix === undefined ? undefined : BRANCH_AGENTS[prefix];
}

export interface CommitInfo {
  commit: string;
  parents: string[];
  author: string;
  message: string;
}

/** The declaration a commit makes on its own (trailer or author), if any. */
export function declaredAuthorship(commit: CommitInfo): AiAuthorship | undefined {
  for (const match of commit.message.matchAll(TRAILER)) {
    const agent = agentOfIdentity(match[1]);
    if (agent) return { agent, commit: commit.commit, signal: `Co-authored-by: ${match[1]}` };
  }
  const agent = agentOfIdentity(commit.author);
  return agent ? { agent, commit: commit.commit, signal: `author ${commit.author}` } : undefined;
}

const MERGED_BRANCH = /^Merge (?:branch '([^']+)'|pull request #\d+ from [^/\s]+\/(\S+)|remote-tracking branch '([^']+)')/;

/**
 * Commits in `base..HEAD` that declare an assistant: by trailer or author, by the branch being scanned (CI's
 * GITHUB_HEAD_REF, else the checked-out branch), or by an agent branch that a merge in the range brought in.
 */
export function aiCommits(top: string, base: string, branch: string | undefined): Map<string, AiAuthorship> {
  const commits = readCommits(top, `${base}..HEAD`);
  const found = new Map<string, AiAuthorship>();
  const branchAgent = branch === undefined ? undefined : agentOfBranch(branch);
  for (const commit of commits) {
    const declared = declaredAuthorship(commit);
    if (declared) found.set(commit.commit, declared);
    else if (branchAgent && commit.parents.length < 2) found.set(commit.commit, { agent: branchAgent, commit: commit.commit, signal: `branch ${branch}` });
  }
  for (const merge of commits.filter((commit) => commit.parents.length >= 2)) {
    const match = MERGED_BRANCH.exec(merge.message);
    const merged = match && (match[1] ?? match[2] ?? match[3]);
    const agent = merged ? agentOfBranch(merged) : undefined;
    if (!agent) continue;
    for (const commit of readCommits(top, `${merge.parents[0]}..${merge.parents[1]}`)) {
      if (!found.has(commit.commit) && commit.parents.length < 2) found.set(commit.commit, { agent, commit: commit.commit, signal: `branch ${merged}` });
    }
  }
  return found;
}

/** The branch a change scan looks at: the pull request's head in GitHub Actions, else the checked-out branch. */
export function currentBranch(top: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GITHUB_HEAD_REF) return env.GITHUB_HEAD_REF;
  try {
    return git(top, ['symbolic-ref', '--short', '-q', 'HEAD']).toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function readCommits(top: string, range: string): CommitInfo[] {
  const output = git(top, ['log', '--no-color', '--format=%H%x1f%P%x1f%an <%ae>%x1f%B%x1e', range, '--']).toString('utf8');
  return output
    .split('\x1e')
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.length > 0)
    .map((record) => {
      const [commit, parents, author, message] = record.split('\x1f');
      return { commit, parents: parents.split(' ').filter(Boolean), author, message: message ?? '' };
    });
}

/** Line (1-based, working tree) -> commit, from `git blame` of the working tree limited to commits after `base`; uncommitted lines are all zeros. */
export function blameSince(top: string, path: string, base: string): Map<number, string> {
  const output = git(top, ['blame', '--porcelain', '--contents', path, `^${base}`, '--', path]).toString('utf8');
  const lines = new Map<number, string>();
  for (const row of output.split('\n')) {
    const match = /^([0-9a-f]{40}) \d+ (\d+)/.exec(row);
    if (match) lines.set(Number(match[2]), match[1]);
  }
  return lines;
}

/** Labels the findings whose start line a commit declaring an assistant wrote. */
export function labelFindings(findings: Finding[], lineCommits: ReadonlyMap<number, string>, commits: ReadonlyMap<string, AiAuthorship>): void {
  for (const finding of findings) {
    const commit = lineCommits.get(finding.start.line);
    const authorship = commit === undefined ? undefined : commits.get(commit);
    if (authorship) finding.aiAuthorship = authorship;
  }
}

/**
 * `scan --diff <ref>`: labels findings on lines that commits in `<ref>..HEAD` declaring an assistant wrote, and
 * returns those commits (oldest first). Files are named relative to the repository top.
 */
export function labelAiAuthorship(top: string, ref: string, files: readonly { key: string; findings: Finding[] }[]): AiAuthorship[] {
  const base = resolveCommit(top, ref);
  const commits = aiCommits(top, base, currentBranch(top));
  if (commits.size === 0) return [];
  for (const file of files) {
    if (file.findings.length > 0) labelFindings(file.findings, blameSince(top, file.key, base), commits);
  }
  return [...commits.values()].reverse();
}
