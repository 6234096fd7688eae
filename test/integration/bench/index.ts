// Entry of the editor benchmark inside VS Code's extension host (CODEWARD_SUITE=bench).
import { runMocha } from '../suite/index';

export function run(): Promise<void> {
  return runMocha(__dirname);
}
