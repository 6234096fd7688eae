// mcp-unpinned-server: MCP servers started from a package runner without a pinned version.
import type { Rule } from '../rule';
import type { ConfigNode } from '../agents/document';
import { mcpServers, serverCommand } from '../agents/mcp';

interface Runner {
  /** Arguments that must come first (`pnpm dlx`, `pipx run`). */
  subcommand?: string;
  /** Options whose value is the package to run. */
  packageOptions: string[];
  /** Options that take a value (skipped when looking for the package). */
  valueOptions: string[];
  ecosystem: 'npm' | 'python';
}

const NPM: Runner = { packageOptions: ['-p', '--package'], valueOptions: ['--registry', '--cache', '--userconfig', '-c', '--call'], ecosystem: 'npm' };
const RUNNERS: Record<string, Runner> = {
  npx: NPM,
  bunx: NPM,
  pnpx: NPM,
  'npm exec': NPM,
  'pnpm dlx': { ...NPM, subcommand: 'dlx' },
  'yarn dlx': { ...NPM, subcommand: 'dlx' },
  uvx: { packageOptions: ['--from'], valueOptions: ['--with', '--python', '-p', '--index', '--index-url'], ecosystem: 'python' },
  'pipx run': { subcommand: 'run', packageOptions: ['--spec'], valueOptions: ['--python', '--index-url'], ecosystem: 'python' },
};

function runnerFor(program: string, args: ConfigNode[]): { runner: Runner; rest: ConfigNode[] } | undefined {
  const name = program.replace(/^.*[/\\]/, '').replace(/\.(?:cmd|exe)$/i, '');
  const first = args[0]?.value;
  if (name === 'npm' && first === 'exec') return { runner: NPM, rest: args.slice(1) };
  const runner = RUNNERS[name] ?? (typeof first === 'string' ? RUNNERS[`${name} ${first}`] : undefined);
  if (!runner) return undefined;
  return { runner, rest: runner.subcommand || name === 'npm' ? args.slice(1) : args };
}

/** The argument naming the package to run. */
function packageArgument(runner: Runner, args: ConfigNode[]): ConfigNode | undefined {
  for (let index = 0; index < args.length; index++) {
    const text = String(args[index].value);
    const [option, inline] = text.split(/=(.*)/s, 2);
    if (runner.packageOptions.includes(option)) {
      if (inline !== undefined) return { ...args[index], value: inline, range: [args[index].range[1] - inline.length - 1, args[index].range[1] - 1] };
      return args[index + 1];
    }
    if (runner.valueOptions.includes(option) && inline === undefined) {
      index++;
      continue;
    }
    if (text === '--') return args[index + 1];
    if (!text.startsWith('-')) return args[index];
  }
  return undefined;
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/;

/** Undefined when the spec is pinned or not a registry package (a path, a URL, a git spec). */
function unpinnedReason(spec: string, ecosystem: Runner['ecosystem']): string | undefined {
  if (/^(?:\.{0,2}\/|[A-Za-z]:\\|file:|git\+|git:|https?:|github:)/.test(spec) || spec.includes('://')) return undefined;
  if (ecosystem === 'python') {
    const separator = Math.max(spec.lastIndexOf('=='), spec.lastIndexOf('@'));
    const version = separator > 0 ? spec.slice(separator + (spec.startsWith('==', separator) ? 2 : 1)) : undefined;
    if (version && /^\d+(?:\.\d+)*$/.test(version)) return undefined;
    return version ? `version "${version}" is not exact` : 'no version';
  }
  const at = spec.lastIndexOf('@');
  if (at <= 0) return 'no version';
  const version = spec.slice(at + 1);
  if (EXACT_VERSION.test(version)) return undefined;
  return `"@${version}" is not an exact version`;
}

export const mcpUnpinnedServer: Rule = {
  meta: {
    id: 'mcp-unpinned-server',
    category: 'agent-access',
    title: 'MCP server from an unpinned package',
    description: 'MCP servers launched with npx, bunx, pnpm dlx, uvx or pipx run without an exact version install and run whatever was published last, with the agent\'s access, every time the server starts.',
    severity: 'warning',
    cwe: [829],
    fixable: false,
  },
  visitors: {},
  checkAgentFile(file, report) {
    for (const server of mcpServers(file)) {
      const command = serverCommand(server);
      if (!command) continue;
      const runner = runnerFor(command.program, command.args);
      if (!runner) continue;
      const spec = packageArgument(runner.runner, runner.rest);
      if (!spec || typeof spec.value !== 'string') continue;
      const reason = unpinnedReason(spec.value, runner.runner.ecosystem);
      if (!reason) continue;
      report({
        range: spec.range,
        message: `MCP server "${server.name}" runs ${spec.value} with ${reason}: every start installs the latest release, so a hijacked or malicious version runs with the agent's access. Pin an exact version.`,
        confidence: 'high',
      });
    }
  },
};
