// The Workspace Trust suite: runs in a VS Code started WITHOUT --disable-workspace-trust, on a workspace that was
// never trusted (see runTest.ts). Separate from test/integration/suite, whose instance trusts every folder.
import { runMocha } from '../suite/index';

export function run(): Promise<void> {
  return runMocha(__dirname);
}
