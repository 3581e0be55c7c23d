/** Command effects over files in memory, for tests of the CLI's commands (no disk involved). */
import type { CommandEffects } from '../src/cli/cli-support.ts';

/** Files in memory: what the commands read and write, with no disk involved. */
export function memoryEffects(
  files: Record<string, string> = {},
): CommandEffects & { files: Map<string, string> } {
  const store = new Map(Object.entries(files));
  return {
    files: store,
    readFile: (path) => {
      const text = store.get(path);
      if (text === undefined) throw new Error(`no file ${path}`);
      return text;
    },
    writeFile: (path, text) => void store.set(path, text),
    exists: (path) => store.has(path),
    list: (dir) =>
      [...store.keys()]
        .filter((p) => p.startsWith(`${dir}/`))
        .map((p) => p.slice(dir.length + 1))
        .filter((p) => !p.includes('/')),
    today: () => '2026-10-15',
    out: () => {},
  };
}
