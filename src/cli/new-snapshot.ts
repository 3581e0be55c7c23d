/**
 * `npx review new-snapshot <export files…> --id 2026-Q4 [--out data/2026-Q4] [--start …] [--end …]`:
 * inspects the exports, copies them into a snapshot folder, writes a manifest draft with the
 * guessed mapping, prints every assumption (those that could change a figure are also recorded
 * in the manifest, where validate warns about them until the analyst deletes them), and
 * validates the result.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { readHead, utf16Of } from '../reading/csv-reader.ts';
import { guessEncoding, guessSnapshot } from '../reading/guess-mapping.ts';
import { formatValidationTable, validateSnapshot } from '../build/validate-snapshot.ts';
import { ManifestSchema } from '../contracts/manifest-schema.ts';
import { CliError, nodeEffects, runCli } from './cli-support.ts';
import { parseCommand, usageError } from './command-line.ts';

/** Copies a UTF-16 export as UTF-8, which the readers take, a block at a time. */
function copyAsUtf8(from: string, to: string, encoding: 'utf-16le' | 'utf-16be'): void {
  const decoder = new TextDecoder(encoding);
  const input = openSync(from, 'r');
  const output = openSync(to, 'w');
  try {
    const block = Buffer.alloc(1 << 20);
    let read: number;
    while ((read = readSync(input, block, 0, block.length, null)) > 0)
      writeSync(output, decoder.decode(block.subarray(0, read), { stream: true }));
    writeSync(output, decoder.decode());
  } finally {
    closeSync(input);
    closeSync(output);
  }
}

/** Drafts a snapshot from exports; see `npx review new-snapshot --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('new-snapshot', argv);
  if (!args) return;
  const { positionals, values } = args;
  const id = values.id ?? (values.out ? basename(values.out) : undefined);
  if (!id)
    throw usageError('new-snapshot', 'give the snapshot id: --id <snapshot-id>, e.g. --id 2026-Q4');
  // The new snapshot goes where the other commands look for snapshots.
  const out = values.out ?? join(values.data, id);
  if (basename(out) !== id)
    throw new CliError(
      `The folder name must be the snapshot id: use --out ${join(out, '..', id)} or --id ${basename(out)}.`,
      2,
    );
  if (existsSync(join(out, 'manifest.json')))
    throw new CliError(
      `${out}/manifest.json exists already: edit it, or choose another --id/--out.`,
    );
  for (const file of positionals) if (!existsSync(file)) throw new CliError(`No file ${file}.`, 2);
  // A UTF-16 export (Excel's "Unicode Text") is copied as UTF-8 and read as such.
  const utf16 = new Map(positionals.map((file) => [file, utf16Of(readHead(file, 2))]));
  const samples = positionals.map((file) => {
    const bytes = readHead(file, 1 << 20);
    const wide = utf16.get(file);
    if (wide) {
      const text = new TextDecoder(wide).decode(bytes);
      return { name: basename(file), text, encoding: 'utf-8' as const };
    }
    const encoding = guessEncoding(bytes);
    return { name: basename(file), text: new TextDecoder(encoding).decode(bytes), encoding };
  });
  let guessed;
  try {
    guessed = guessSnapshot(samples, {
      id,
      period: values.period,
      start: values.start,
      end: values.end,
    });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const manifest = ManifestSchema.parse(guessed.manifest);
  mkdirSync(out, { recursive: true });
  for (const file of positionals) {
    const wide = utf16.get(file);
    if (wide) copyAsUtf8(file, join(out, basename(file)), wide);
    else copyFileSync(file, join(out, basename(file)));
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(guessed.manifest, null, 2)}\n`);
  nodeEffects.out(`Wrote ${out}/manifest.json for ${manifest.id}. Assumptions to check:`);
  for (const [file, wide] of utf16)
    if (wide)
      nodeEffects.out(
        `  - ${basename(file)}: ${wide.toUpperCase()} (Excel's "Unicode Text"), copied into the snapshot as UTF-8`,
      );
  for (const line of guessed.assumptions) nodeEffects.out(`  - ${line}`);
  const recorded = manifest.assumptions ?? [];
  if (recorded.length > 0) {
    nodeEffects.out(
      'Assumptions that could change a figure, recorded under "assumptions" in manifest.json (validate warns about each until you check it and delete it):',
    );
    for (const line of recorded) nodeEffects.out(`  - ${line}`);
  }
  const report = await validateSnapshot(out);
  nodeEffects.out(formatValidationTable(report));
  if (!report.ok) process.exitCode = 1;
}

if (import.meta.main) await runCli('new-snapshot', main);
