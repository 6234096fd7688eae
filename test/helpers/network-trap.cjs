// Preloaded with `node --require`: every way off the machine throws and is recorded, so a test can prove none was
// tried. Worker threads inherit the preload. Attempts are appended to $CODEWARD_NETWORK_LOG, one per line.
'use strict';
const { appendFileSync } = require('node:fs');
const { basename } = require('node:path');

function refuse(what) {
  if (process.env.CODEWARD_NETWORK_LOG) appendFileSync(process.env.CODEWARD_NETWORK_LOG, `${what}\n`);
  throw new Error(`network-trap: ${what} refused`);
}

function trap(target, label, names) {
  for (const name of names) {
    if (typeof target[name] === 'function') target[name] = () => refuse(`${label}.${name}`);
  }
}

const DNS = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx',
  'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];

const net = require('node:net');
trap(net, 'net', ['connect', 'createConnection']);
trap(net.Socket.prototype, 'net.Socket', ['connect']);
trap(require('node:tls'), 'tls', ['connect']);
trap(require('node:http'), 'http', ['request', 'get']);
trap(require('node:https'), 'https', ['request', 'get']);
trap(require('node:http2'), 'http2', ['connect']);
trap(require('node:dgram'), 'dgram', ['createSocket']);
const dns = require('node:dns');
trap(dns, 'dns', DNS);
trap(dns.promises, 'dns.promises', DNS);
trap(dns.Resolver.prototype, 'dns.Resolver', DNS);
trap(dns.promises.Resolver.prototype, 'dns.promises.Resolver', DNS);
trap(globalThis, 'globalThis', ['fetch']);

// Local git is the one program Codeward may run; anything else could reach the network.
const childProcess = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork', 'exec', 'execSync']) {
  const original = childProcess[name];
  childProcess[name] = function guarded(command, ...rest) {
    const program = name.startsWith('exec') && !name.startsWith('execFile') ? String(command).trim().split(/\s+/)[0] : String(command);
    if (name === 'fork' || basename(program) !== 'git') refuse(`child_process.${name}(${program})`);
    return original.call(this, command, ...rest);
  };
}
