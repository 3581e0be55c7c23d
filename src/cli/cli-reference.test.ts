import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test/build-site.ts';
import { cliReference, withCliReference } from './cli-reference.ts';
import { COMMANDS } from './commands.ts';

describe('the command reference', () => {
  it('has the exit codes, the environment and every command’s help', () => {
    const reference = cliReference();
    expect(reference).toMatch(/\| 70 +\| the command crashed/);
    expect(reference).toContain('| `REVIEW_DATA_DIR` | `data` |');
    for (const name of Object.keys(COMMANDS))
      expect(reference).toContain(`### ${name}\n\n\`\`\`text\nreview ${name}: `);
  });

  it('docs/cli.md is up to date with the commands (run npm run docs:cli)', async () => {
    const page = readFileSync(`${ROOT}/docs/cli.md`, 'utf8');
    const prettier = await import('prettier');
    const expected = await prettier.format(withCliReference(page), {
      parser: 'markdown',
      printWidth: 100,
      singleQuote: true,
    });
    expect(page).toBe(expected);
  });
});
