// devcontainer-host-access: dev containers that run privileged, share the host's network or process namespace,
// or mount the Docker socket or the home directory, so an agent inside them is not contained.
import type { Fix, Range } from '../types';
import type { Rule } from '../rule';
import type { ConfigNode } from '../agents/document';
import { property, stringValue } from '../agents/document';
import { removeArrayItem, removeJsonProperty, reviewFix } from '../agents/edits';

const DOCKER_SOCKET = /docker\.sock\b|\/\/\.\/pipe\/docker_engine/i;
/** The home directory itself or the folders in it that hold credentials. */
const HOME = /^(?:\$\{localEnv:(?:HOME|USERPROFILE)\}|\$HOME|~|\/home\/[^/]+|\/Users\/[^/]+|\/root|[A-Za-z]:\\Users\\[^\\]+)(?:[/\\](?:\.ssh|\.aws|\.azure|\.config|\.kube|\.docker|\.gnupg|\.gcloud|\.netrc|\.npmrc|\.git-credentials|\.claude|\.codex))?[/\\]?$/;
const DANGEROUS_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'NET_ADMIN']);
const UNCONFINED = /^(?:seccomp|apparmor)[=:]unconfined$|^label[=:]disable$/;

/** What a mount exposes, from `source=…,target=…` strings, docker `-v src:dst` values or `{ source }` objects. */
function mountSource(value: string): string | undefined {
  const source = /(?:^|,)\s*(?:source|src)=([^,]+)/.exec(value)?.[1];
  if (source !== undefined) return source.trim();
  if (/^[^=,]+:/.test(value) && !/^[A-Za-z]:\\/.test(value)) return value.split(':')[0];
  if (/^[A-Za-z]:\\/.test(value)) return value.split(':').slice(0, 2).join(':');
  return undefined;
}

function exposure(source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  if (DOCKER_SOCKET.test(source)) return 'mounts the Docker socket, which is root on the host: anything in the container can start a privileged container that owns the machine';
  if (HOME.test(source)) return `mounts ${source} from the host, with the user's keys and tokens, into the container`;
  return undefined;
}

interface Problem {
  range: Range;
  message: string;
  fixes: Fix[];
}

function checkRunArgs(runArgs: ConfigNode, problems: Problem[]): void {
  const items = runArgs.items ?? [];
  items.forEach((item, index) => {
    const text = stringValue(item)?.trim();
    if (text === undefined) return;
    const next = stringValue(items[index + 1]);
    const [flag, inline] = text.split(/[= ](.*)/s, 2);
    const value = inline ?? next;
    const removeAlone = reviewFix(`Remove ${text} (review: the container loses this access)`, inline !== undefined || flag === '--privileged' ? [removeArrayItem(runArgs, item)] : []);
    if (flag === '--privileged') {
      problems.push({ range: item.range, message: 'runArgs --privileged gives the container every capability and all host devices: code in it, an agent included, can take over the host.', fixes: removeAlone });
    } else if ((flag === '--network' || flag === '--net') && value === 'host') {
      problems.push({ range: item.range, message: `runArgs ${flag} host shares the host's network: the container reaches services bound to the host's localhost and every network the host can.`, fixes: removeAlone });
    } else if ((flag === '--pid' || flag === '--ipc' || flag === '--userns' || flag === '--uts') && value === 'host') {
      problems.push({ range: item.range, message: `runArgs ${flag} host shares the host's ${flag.slice(2)} namespace with the container, so it can see and signal the host's processes.`, fixes: removeAlone });
    } else if (flag === '--cap-add' && value && DANGEROUS_CAPABILITIES.has(value.toUpperCase())) {
      problems.push({ range: item.range, message: `runArgs --cap-add ${value} gives the container a capability that breaks its isolation from the host.`, fixes: removeAlone });
    } else if (flag === '--security-opt' && value && UNCONFINED.test(value)) {
      problems.push({ range: item.range, message: `runArgs --security-opt ${value} turns off a confinement layer of the container.`, fixes: removeAlone });
    } else if ((flag === '-v' || flag === '--volume' || flag === '--mount') && value) {
      const exposed = exposure(mountSource(value));
      if (exposed) problems.push({ range: item.range, message: `runArgs ${flag} ${exposed}.`, fixes: removeAlone });
    }
  });
}

export const devcontainerHostAccess: Rule = {
  meta: {
    id: 'devcontainer-host-access',
    category: 'agent-access',
    title: 'Dev container with host access',
    description: 'Dev containers that run privileged, add capabilities such as SYS_ADMIN, share the host network or process namespace, or mount the Docker socket or the home directory give an agent working inside them the host itself.',
    severity: 'warning',
    cwe: [250, 668],
    fixable: true,
  },
  visitors: {},
  checkAgentFile(file, report) {
    const root = file.root;
    if (file.entry.role !== 'devcontainer' || !root) return;
    const problems: Problem[] = [];
    const privileged = property(root, 'privileged')?.value;
    if (privileged?.value === true) {
      problems.push({
        range: privileged.range,
        message: '"privileged": true gives the container every capability and all host devices: code in it, an agent included, can take over the host.',
        fixes: reviewFix('Remove "privileged" (review: tools that need a device or capability must ask for it alone)', removeJsonProperty(file, privileged)),
      });
    }
    const capAdd = property(root, 'capAdd')?.value;
    for (const item of capAdd?.items ?? []) {
      const capability = stringValue(item)?.toUpperCase().replace(/^CAP_/, '');
      if (!capability || !DANGEROUS_CAPABILITIES.has(capability) || !capAdd) continue;
      problems.push({ range: item.range, message: `capAdd ${stringValue(item)} gives the container a capability that breaks its isolation from the host.`, fixes: reviewFix(`Remove ${stringValue(item)} (review)`, [removeArrayItem(capAdd, item)]) });
    }
    const securityOpt = property(root, 'securityOpt')?.value;
    for (const item of securityOpt?.items ?? []) {
      const option = stringValue(item);
      if (!option || !UNCONFINED.test(option) || !securityOpt) continue;
      problems.push({ range: item.range, message: `securityOpt ${option} turns off a confinement layer of the container.`, fixes: reviewFix(`Remove ${option} (review)`, [removeArrayItem(securityOpt, item)]) });
    }
    const runArgs = property(root, 'runArgs')?.value;
    if (runArgs?.type === 'array') checkRunArgs(runArgs, problems);
    const mounts = property(root, 'mounts')?.value;
    for (const item of mounts?.items ?? []) {
      const source = item.type === 'object' ? stringValue(property(item, 'source')?.value) : mountSource(stringValue(item) ?? '');
      const exposed = exposure(source);
      if (!exposed || !mounts) continue;
      problems.push({ range: item.range, message: `This mount ${exposed}.`, fixes: reviewFix('Remove the mount (review: tools that used it inside the container stop working)', [removeArrayItem(mounts, item)]) });
    }
    for (const problem of problems) report({ ...problem, confidence: 'high' });
  },
};
