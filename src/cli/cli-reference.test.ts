import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test/build-site.ts';
import { formatMarkdown } from '../../test/format-markdown.ts';
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
    expect(page).toBe(await formatMarkdown(withCliReference(page)));
  });
});
