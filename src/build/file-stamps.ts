/**
 * File digests kept by the file's stat stamp, so that a rebuild hashes only the data files that
 * changed, the way git's index tells an unchanged file without reading it: a digest is reused
 * while the file's size, inode, modification time and change time are those it was hashed at.
 * The change time is the kernel's (writing, renaming or `touch -d` all move it; no program sets
 * it back), so an edit that keeps a file's size and restores its modification time still shows.
 * A file changed less than a second before it was hashed is hashed again next time: a second
 * edit within the clock's tick could leave its stamp as it was.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { hashFileSync } from '../reading/csv-reader.ts';
import { writeWhole } from './snapshot-cache.ts';

const STAMPS_FORMAT = 1;

const StampSchema = z.object({
  size: z.string(),
  ino: z.string(),
  mtimeNs: z.string(),
  ctimeNs: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const StampsFileSchema = z.object({
  format: z.literal(STAMPS_FORMAT),
  stamps: z.record(z.string(), StampSchema),
});

type Stamp = z.infer<typeof StampSchema>;

/** A file changed within this long before its hashing is hashed again (nanoseconds). */
const SETTLED_NS = 1_000_000_000n;

export interface FileStampsOptions {
  /** The digest of a file's bytes, hex (the one the stamps stand in for; tests count its reads). */
  hashFile?: (path: string) => string;
  /** The clock, in milliseconds since 1970 (tests move it). */
  now?: () => number;
}

/** Digests of files by path, reused while a file's stamp is unchanged (see the module's note). */
export class FileStamps {
  private readonly file: string;
  private readonly hashFile: (path: string) => string;
  private readonly now: () => number;
  private readonly stamps = new Map<string, Stamp>();
  /** The paths asked for: stamps of other files (a removed snapshot's) are not written again. */
  private readonly used = new Set<string>();
  private changed = false;

  /** @param file where the stamps are kept (a missing or unreadable file is no stamps) */
  constructor(file: string, options: FileStampsOptions = {}) {
    this.file = file;
    this.hashFile = options.hashFile ?? hashFileSync;
    this.now = options.now ?? Date.now;
    try {
      const parsed = StampsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success)
        for (const [path, stamp] of Object.entries(parsed.data.stamps))
          this.stamps.set(path, stamp);
    } catch {
      // No stamps yet, or a file from elsewhere: every file is hashed.
    }
  }

  /** The file's digest: its kept one while its stamp is unchanged, else read and hashed. */
  hash(path: string): string {
    const stat = statSync(path, { bigint: true });
    const stamp = {
      size: String(stat.size),
      ino: String(stat.ino),
      mtimeNs: String(stat.mtimeNs),
      ctimeNs: String(stat.ctimeNs),
    };
    this.used.add(path);
    const kept = this.stamps.get(path);
    if (
      kept &&
      kept.size === stamp.size &&
      kept.ino === stamp.ino &&
      kept.mtimeNs === stamp.mtimeNs &&
      kept.ctimeNs === stamp.ctimeNs
    )
      return kept.sha256;
    const sha256 = this.hashFile(path);
    const hashedAt = BigInt(Math.floor(this.now())) * 1_000_000n;
    if (stat.ctimeNs < hashedAt - SETTLED_NS) this.stamps.set(path, { ...stamp, sha256 });
    else this.stamps.delete(path);
    this.changed = true;
    return sha256;
  }

  /**
   * Writes the stamps when any changed (whole or not at all).
   * @param prune drop the stamps of files not asked for (after a pass over every snapshot)
   * @throws what the file system throws
   */
  save(prune: boolean): void {
    if (prune)
      for (const path of this.stamps.keys())
        if (!this.used.has(path)) {
          this.stamps.delete(path);
          this.changed = true;
        }
    if (!this.changed) return;
    writeWhole(this.file, (partial) =>
      writeFileSync(
        partial,
        JSON.stringify({ format: STAMPS_FORMAT, stamps: Object.fromEntries(this.stamps) }),
      ),
    );
    this.changed = false;
  }
}
