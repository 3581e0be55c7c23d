/**
 * Content hashes of published files (a snapshot's data, a version's frozen figures), and the one
 * harmless way they change: git converting line endings on checkout (core.autocrlf, usually on
 * Windows) changes every byte-level hash without changing a value. A mismatch that conversion
 * explains exactly is said as such, with its fix, rather than called tampering.
 */
import { createHash } from 'node:crypto';

/** "sha256:" and the hex digest of `bytes`, the form every recorded hash takes. */
export function contentHash(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export type LineEndingChange = 'LF to CRLF' | 'CRLF to LF';

/**
 * Whether `bytes` are the recorded content with its line endings converted.
 * @param recorded the content hash recorded at publication
 * @returns the conversion that explains the difference exactly, or null
 */
export function lineEndingChange(bytes: Buffer, recorded: string): LineEndingChange | null {
  const text = bytes.toString('latin1');
  // latin1 maps bytes one to one, so these conversions change nothing but line ends.
  if (contentHash(Buffer.from(text.replace(/\r\n/g, '\n'), 'latin1')) === recorded)
    return 'LF to CRLF';
  if (contentHash(Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1')) === recorded)
    return 'CRLF to LF';
  return null;
}

/** What to do when git converted line endings of published files. */
export function lineEndingsFix(files: readonly string[]): string {
  const list = files.join(' ');
  return `the content is unchanged: git converted the line endings on checkout (core.autocrlf, usually on Windows). Run \`git config core.autocrlf false\` and check the files out again (\`rm ${list} && git checkout -- ${list}\`); the repository's .gitattributes keeps git from converting snapshot data and frozen figures`;
}
