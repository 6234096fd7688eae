import { exec, execSync } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import shell from 'shelljs';
import { execa, execaCommand } from 'execa';

const run = promisify(exec);
const OUTPUT_DIR = join(tmpdir(), 'thumbs');

export async function makeThumbnail(filename: string, width: number) {
  const cmd = `convert uploads/${filename} -resize ${width}x thumbs/${filename}`;
  await run(cmd); // expect: command-injection
}

export async function makeThumbnailSafe(filename: string, width: number) {
  await execa('convert', [`uploads/${filename}`, '-resize', `${width}x`, join(OUTPUT_DIR, filename)]); // safe
}

export function freePort(port: number) {
  execSync(`lsof -ti tcp:${port} | xargs kill -9`); // safe
}

export function compress(dir: string) {
  shell.exec(`zip -r archive.zip ${dir}`); // expect: command-injection
}

export async function runUserCommand(line: string) {
  return execaCommand(`git ${line}`); // expect: command-injection
}

export function pushImage() {
  execSync(`docker push ${process.env.IMAGE_TAG}`, { stdio: 'inherit' }); // safe
}

export function cleanTmp() {
  execSync(`rm -rf ${OUTPUT_DIR}/*`); // safe
}
