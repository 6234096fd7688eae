import { devcontainerHostAccess } from '../../../src/core/rules/devcontainer-host-access';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');

const privileged = lines('{', '  "image": "node:22",', '  "privileged": true,', '  "remoteUser": "node"', '}');
const runArgs = lines('{', '  // host networking for the agent', '  "runArgs": ["--init", "--privileged", "--network=host"]', '}');
const mounts = lines(
  '{',
  '  "mounts": [',
  '    "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind",',
  '    { "source": "${localEnv:HOME}", "target": "/home/node/host", "type": "bind" }',
  '  ]',
  '}',
);

testRule(devcontainerHostAccess, {
  valid: [
    { code: '{ "image": "node:22", "privileged": false, "runArgs": ["--init", "--cap-drop=ALL"], "capAdd": ["SYS_PTRACE"] }', filename: '.devcontainer/devcontainer.json' },
    { code: '{ "mounts": ["source=node_modules,target=/workspace/node_modules,type=volume", "source=${localEnv:HOME}/.gitconfig,target=/home/node/.gitconfig,type=bind"] }', filename: '.devcontainer/devcontainer.json' },
    { code: '{ "runArgs": ["--network", "devnet"] }', filename: '.devcontainer/node/devcontainer.json' },
    // Not a dev container definition.
    { code: '{ "privileged": true }', filename: 'deploy/container.json' },
  ],
  invalid: [
    {
      code: privileged,
      filename: '.devcontainer/devcontainer.json',
      errors: [{ line: 3, column: 17, endColumn: 21, message: /^"privileged": true gives the container every capability/, fixes: [{ safety: 'review', title: /^Remove "privileged"/, output: lines('{', '  "image": "node:22",', '  "remoteUser": "node"', '}') }] }],
    },
    {
      code: runArgs,
      filename: '.devcontainer.json',
      errors: [
        { line: 3, column: 25, endColumn: 39, message: /^runArgs --privileged/, fixes: [{ safety: 'review', output: runArgs.replace('"--privileged", ', '') }] },
        { line: 3, column: 41, endColumn: 57, message: /^runArgs --network host shares the host's network/, fixes: [{ safety: 'review', output: runArgs.replace(', "--network=host"', '') }] },
      ],
    },
    {
      code: mounts,
      filename: '.devcontainer/devcontainer.json',
      errors: [
        { line: 3, column: 5, message: /^This mount mounts the Docker socket, which is root on the host/, fixes: [{ safety: 'review', output: lines('{', '  "mounts": [', '    { "source": "${localEnv:HOME}", "target": "/home/node/host", "type": "bind" }', '  ]', '}') }] },
        { line: 4, column: 5, message: /^This mount mounts \$\{localEnv:HOME\} from the host/, fixes: [{ safety: 'review', output: lines('{', '  "mounts": [', '    "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind"', '  ]', '}') }] },
      ],
    },
    {
      code: '{ "capAdd": ["SYS_ADMIN"], "securityOpt": ["seccomp=unconfined"], "runArgs": ["-v", "/var/run/docker.sock:/var/run/docker.sock"] }',
      filename: '.devcontainer/devcontainer.json',
      errors: [
        { line: 1, column: 14, message: /^capAdd SYS_ADMIN/, fixes: [{ safety: 'review', output: '{ "capAdd": [], "securityOpt": ["seccomp=unconfined"], "runArgs": ["-v", "/var/run/docker.sock:/var/run/docker.sock"] }' }] },
        { line: 1, column: 44, message: /^securityOpt seccomp=unconfined/, fixes: [{ safety: 'review', output: '{ "capAdd": ["SYS_ADMIN"], "securityOpt": [], "runArgs": ["-v", "/var/run/docker.sock:/var/run/docker.sock"] }' }] },
        // Split flags have no one-item removal.
        { line: 1, column: 79, endColumn: 83, message: /^runArgs -v mounts the Docker socket/ },
      ],
    },
  ],
});
