/**
 * A command line read against its spec (`commands.ts`): `--help` printed, an unknown option or
 * command refused in one line that names the allowed ones, defaults taken from the environment,
 * whole numbers checked. `node:util`'s parseArgs splits the words; the refusals are ours, because
 * its own errors (ERR_PARSE_ARGS_UNKNOWN_OPTION) name no alternative and surfaced as stack traces.
 */
import { parseArgs } from 'node:util';
import { didYouMean } from '../contracts/near-matches.ts';
import { localeTag } from '../contracts/locale.ts';
import { CliError } from './cli-support.ts';
import {
  COMMANDS,
  ENVIRONMENT,
  EXIT,
  EXIT_MEANINGS,
  type CommandName,
  type CommandSpec,
  type EnvName,
  type OptionSpec,
} from './commands.ts';

/** Columns of the help, as a terminal's default. */
const WIDTH = 80;

/** How the help and the messages name the entry. */
export const ENTRY = 'npx review';

type Environment = Readonly<Record<string, string | undefined>>;

type OptionsOf<N extends CommandName> = (typeof COMMANDS)[N]['options'];
type ValueOf<O> = O extends { type: 'boolean' }
  ? boolean
  : O extends { default: string }
    ? string
    : string | undefined;

/** A command's parsed arguments, typed from its spec. */
export interface CommandArgs<N extends CommandName> {
  values: { -readonly [K in keyof OptionsOf<N>]: ValueOf<OptionsOf<N>[K]> };
  positionals: string[];
}

/** Every option a command takes: its own and --help. */
function optionsOf(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...spec.options, help: { type: 'boolean', short: 'h', description: 'show this help' } };
}

/** The value an option takes when absent: its variable's, when set, else its default. */
function defaultOf(option: OptionSpec, env: Environment): string | undefined {
  return (option.env && env[option.env]) || option.default;
}

/** The one-line refusal of a command line (exit code 2), ending with where the help is. */
export function usageError(command: string, problem: string): CliError {
  return new CliError(
    `review ${command}: ${problem}. See \`${ENTRY} ${command} --help\`.`,
    EXIT.usage,
  );
}

/** `--json, --data, --help`: the options a command takes, as a user types them. */
function optionList(spec: CommandSpec): string {
  return Object.entries(optionsOf(spec))
    .filter(([, o]) => !o.hidden)
    .map(([name]) => `--${name}`)
    .join(', ');
}

/**
 * Parses a command's arguments against its spec. Prints the help and returns null when asked
 * for it (`--help`, `-h`, anywhere before `--`).
 * @param out where the help goes (standard output)
 * @throws CliError with exit code 2 for an unknown option, a missing or extra argument, an
 *   option without its value, or a number that is not whole
 */
export function parseCommand<N extends CommandName>(
  name: N,
  argv: readonly string[],
  env: Environment = process.env,
  out: (text: string) => void = (text) => process.stdout.write(text),
): CommandArgs<N> | null {
  const spec: CommandSpec = COMMANDS[name];
  const options = optionsOf(spec);
  const config = Object.fromEntries(
    Object.entries(options).map(([key, o]) => {
      const fallback = o.type === 'boolean' ? false : defaultOf(o, env);
      return [
        key,
        {
          type: o.type,
          ...(o.short ? { short: o.short } : {}),
          ...(fallback === undefined ? {} : { default: fallback }),
        },
      ];
    }),
  );
  // Not strict: an unknown option becomes a token to refuse in our words.
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options: config,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  if (values.help === true) {
    out(formatHelp(name, env));
    return null;
  }
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (!option) {
      const names = Object.keys(options).map((n) => `--${n}`);
      throw usageError(
        name,
        `unknown option ${token.rawName}${didYouMean(`--${token.name}`, names, '')}; it takes ${optionList(spec)}`,
      );
    }
    if (option.type === 'boolean' && token.value !== undefined)
      throw usageError(name, `${token.rawName} takes no value (got "${token.value}")`);
    if (
      option.type === 'string' &&
      (token.value === undefined || (!token.inlineValue && token.value.startsWith('--')))
    )
      throw usageError(name, `${token.rawName} needs a value: ${token.rawName} ${option.value}`);
  }
  for (const [key, option] of Object.entries(options)) {
    const value = values[key];
    if (option.integer && typeof value === 'string' && !/^-?\d+$/.test(value))
      throw usageError(name, `--${key} must be a whole number (got "${value}")`);
  }
  const { min, max } = spec.positionals;
  const usage = `${ENTRY} ${name}${spec.args ? ` ${spec.args}` : ''}`;
  if (positionals.length < min) throw usageError(name, `missing ${spec.args}: ${usage}`);
  if (positionals.length > max) {
    const extra = positionals.slice(max).join(' ');
    throw usageError(
      name,
      max === 0 ? `takes no arguments (got ${extra})` : `one ${spec.args} only (also got ${extra})`,
    );
  }
  delete values.help;
  return { values, positionals } as CommandArgs<N>;
}

/**
 * The command of an entry's arguments, or a refusal naming the commands.
 * @throws CliError with exit code 2 when `word` is not a command
 */
export function commandOf(word: string): CommandName {
  if (Object.hasOwn(COMMANDS, word)) return word as CommandName;
  const names = Object.keys(COMMANDS);
  throw new CliError(
    `review: unknown command "${word}"${didYouMean(word, names)}; the commands are ${names.join(', ')}. See \`${ENTRY} --help\`.`,
    EXIT.usage,
  );
}

/** `text` wrapped to `width` columns, every line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width - indent) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** Two columns: names padded, meanings wrapped under each other. */
function table(rows: ReadonlyArray<[string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${wrap(right, WIDTH, width + 2)}`);
}

function optionDefault(option: OptionSpec, env: Environment): string {
  if (option.type === 'boolean') return '';
  const set = option.env ? env[option.env] : undefined;
  if (option.env)
    return set
      ? ` (default: $${option.env}, now "${set}")`
      : ` (default: $${option.env} when set, else ${option.default})`;
  return option.default === undefined ? '' : ` (default: ${option.default})`;
}

function exitCodes(spec?: CommandSpec): string[] {
  return table(
    EXIT_MEANINGS.filter(
      ([code]) => spec === undefined || code !== EXIT.failed || spec.failure,
    ).map(([code, meaning]) => [
      String(code),
      code === EXIT.failed && spec?.failure ? spec.failure : meaning,
    ]),
  );
}

/**
 * A command's help: usage, description, arguments, options with their defaults, environment,
 * examples and exit codes.
 * @param env the environment, whose values the defaults show
 */
export function formatHelp(name: CommandName, env: Environment = process.env): string {
  const spec: CommandSpec = COMMANDS[name];
  const args = spec.args ? ` ${spec.args}` : '';
  const lines = [
    `review ${name}: ${spec.summary}`,
    '',
    'Usage',
    `  ${ENTRY} ${name}${args} [options]`,
    ...(spec.npmScript ? [`  npm run ${spec.npmScript} --${args} [options]`] : []),
  ];
  if (spec.description) lines.push('', wrap(spec.description, WIDTH, 0));
  if (spec.argHelp) lines.push('', 'Arguments', ...table(Object.entries(spec.argHelp)));
  const options = Object.entries(optionsOf(spec))
    .filter(([, o]) => !o.hidden)
    .map(([key, o]): [string, string] => [
      `${o.short ? `-${o.short}, ` : ''}--${key}${o.value ? ` ${o.value}` : ''}`,
      `${o.description}${optionDefault(o, env)}`,
    ]);
  lines.push('', 'Options', ...table(options));
  if (spec.env.length > 0)
    lines.push('', 'Environment', ...table(spec.env.map((v: EnvName) => [v, envMeaning(v)])));
  lines.push('', 'Examples', ...spec.examples.map((e) => `  ${e}`));
  lines.push('', 'Exit codes', ...exitCodes(spec));
  return `${lines.join('\n')}\n`;
}

function envMeaning(name: EnvName): string {
  const { description, default: fallback } = ENVIRONMENT[name];
  return fallback ? `${description} (default: ${fallback})` : description;
}

const GROUPS: ReadonlyArray<[CommandSpec['group'], string]> = [
  ['analyst', 'Writing a review'],
  ['site', 'The site'],
  ['maintainer', 'Maintaining the project'],
];

/** The entry's help: every command with its summary, the common options, the exit codes. */
export function formatOverview(): string {
  const lines = [
    'review: satisfaction reviews from data snapshots to a published static site',
    '',
    'Usage',
    `  ${ENTRY} <command> [arguments] [options]`,
    '  npm run <command> -- [arguments] [options]',
  ];
  for (const [group, title] of GROUPS) {
    const rows = Object.entries(COMMANDS as Record<string, CommandSpec>)
      .filter(([, spec]) => spec.group === group)
      .map(([name, spec]): [string, string] => [name, spec.summary]);
    lines.push('', title, ...table(rows));
  }
  lines.push(
    '',
    'Options',
    ...table([
      ['-h, --help', `show this help; \`${ENTRY} <command> --help\` shows a command's`],
      ['--version', 'print the version'],
    ]),
    '',
    'Exit codes',
    ...exitCodes(),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Hands the folders a command line chose to the site's settings (`site-settings.ts`), which
 * Astro's config and content collections read from the environment when they load, and refuses
 * a REVIEW_LOCALE that names no locale (it would end the build at its first number).
 * @throws CliError (usage) for such a locale
 */
export function useFolders(command: string, data: string, reports: string): void {
  const locale = process.env.REVIEW_LOCALE;
  if (locale !== undefined && localeTag(locale) === null)
    throw usageError(
      command,
      `REVIEW_LOCALE="${locale}" names no locale: write a language tag such as en-GB, de-DE or fr-CA`,
    );
  process.env.REVIEW_DATA_DIR = data;
  process.env.REVIEW_REPORTS_DIR = reports;
}
