/**
 * The command reference of `docs/cli.md`, generated from the commands' specs (`commands.ts`)
 * so the page says what `--help` says. `npm run docs:cli` rewrites it; a test fails when it is
 * out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { withGeneratedSection } from '../contracts/generated-section.ts';
import { ENTRY, formatHelp } from './command-line.ts';
import { COMMANDS, ENVIRONMENT, EXIT_MEANINGS, type CommandName } from './commands.ts';

/** A Markdown table. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** The exit codes, the environment variables and every command's help, as Markdown. */
export function cliReference(): string {
  const commands = (Object.keys(COMMANDS) as CommandName[]).flatMap((name) => [
    `### ${name}`,
    '',
    '```text',
    // Defaults as they are with no variable set, whoever generates the page.
    formatHelp(name, {}).trimEnd(),
    '```',
    '',
  ]);
  return [
    '## Exit codes',
    '',
    ...table(
      ['code', 'meaning'],
      EXIT_MEANINGS.map(([code, meaning]) => [String(code), meaning]),
    ),
    '',
    '## Environment',
    '',
    ...table(
      ['variable', 'default', 'meaning'],
      Object.entries(ENVIRONMENT).map(([name, v]) => [
        `\`${name}\``,
        v.default ? `\`${v.default}\`` : '',
        v.description,
      ]),
    ),
    '',
    `## Commands`,
    '',
    `Each is \`${ENTRY} <command> --help\`, as printed.`,
    '',
    ...commands,
  ]
    .join('\n')
    .trimEnd();
}

/** The page with its generated reference replaced by the current one. */
export function withCliReference(doc: string): string {
  return withGeneratedSection(doc, 'cli-reference', cliReference());
}

if (import.meta.main) {
  const path = 'docs/cli.md';
  writeFileSync(path, withCliReference(readFileSync(path, 'utf8')));
  console.log(`updated the command reference in ${path}`);
}
