/**
 * What every command needs: one error type with an exit code, caught in one place, and the
 * side effects (files, clock, output) passed in so tests run commands in memory.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT } from './commands.ts';

export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.failed) {
    super(message);
    this.exitCode = exitCode;
  }
}

export interface CommandEffects {
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  exists(path: string): boolean;
  list(dir: string): string[];
  /** Today's date, YYYY-MM-DD. */
  today(): string;
  out(text: string): void;
}

export const nodeEffects: CommandEffects = {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  },
  exists: (path) => existsSync(path),
  list: (dir) => (existsSync(dir) ? readdirSync(dir) : []),
  today: () => new Date().toISOString().slice(0, 10),
  out: (text) => process.stdout.write(`${text}\n`),
};

/** A crash with its stack and its causes, innermost last, and Astro's location when it has one. */
export function describeCrash(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    if (depth > 0) lines.push('Caused by:');
    if (!(current instanceof Error)) {
      lines.push(String(current));
      break;
    }
    lines.push(current.stack ?? `${current.name}: ${current.message}`, ...astroDetails(current));
    current = current.cause;
  }
  return lines;
}

/** The fields Astro adds to the errors it raises (a location in a report, a hint). */
export interface AstroErrorFields {
  hint?: string;
  loc?: { file?: string; line?: number; column?: number };
  frame?: string;
}

/** Astro's location, code frame and hint of an error, when it has them. */
export function astroDetails(error: Error & AstroErrorFields): string[] {
  const { loc, frame, hint } = error;
  return [
    ...(loc?.file ? [`  at ${loc.file}:${loc.line ?? 0}:${loc.column ?? 0}`] : []),
    ...(frame ? [frame] : []),
    ...(hint ? [`  hint: ${hint}`] : []),
  ];
}

/** The first line of a crash report: what happened, and that it is a bug to report. */
export const CRASH_HEADLINE = 'This is a bug: please report it with everything below.';

/**
 * Runs a command's main, the one place its failures become an exit code: a CliError prints its
 * message alone (1 for a refusal or bad data, 2 for a wrong command line); anything else is a
 * crash, printed with its stack and causes, exit code 70. Success leaves the exit code to main
 * (validate sets 1 when the snapshot has errors), so a server it started keeps running.
 * @param command the command's name, for the crash report
 */
export async function runCli(
  command: string,
  main: (argv: readonly string[]) => Promise<void>,
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  try {
    await main(argv);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(
      [`review ${command} crashed. ${CRASH_HEADLINE}`, ...describeCrash(error), ''].join('\n'),
    );
    process.exit(EXIT.crash);
  }
}

/**
 * Refuses a site folder without a built site, for the commands that read one.
 * @param shown the folder as the user named it
 * @throws CliError saying to build first
 */
export function requireBuiltSite(dir: string, shown: string): void {
  if (!existsSync(join(dir, 'index.html')))
    throw new CliError(`No built site in ${shown}/: run \`npm run build\` first.`);
}
