/** Files in memory for the commands' tests: what a command reads and writes, with no disk. */
import type { CommandEffects } from '../src/cli/cli-support.ts';

/**
 * @param files path → text, the folders implied by the paths
 */
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
    // The names of a folder's files and sub-folders, as readdir gives them.
    list: (dir) => [
      ...new Set(
        [...store.keys()]
          .filter((p) => p.startsWith(`${dir}/`))
          .map((p) => p.slice(dir.length + 1).split('/')[0]!),
      ),
    ],
    today: () => '2026-10-15',
    out: () => {},
  };
}
