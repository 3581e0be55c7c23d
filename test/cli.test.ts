/**
 * The command line as a user meets it: `src/cli/review.ts` (package.json's `bin`, what
 * `npx review` and the npm scripts run) spawned on the pinned Node. Help on every command, the
 * refusal of a wrong command line, the exit codes, the data and reports folders taken from the
 * environment, and the stale draft's advice followed to the end. Spawning Node costs a few
 * tenths of a second, so each test loops over what it checks in one go.
 */
import { spawnSync } from 'node:child_process';
import { BUILD_SEMI_SPACE_MB } from '../src/cli/young-generation.ts';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { finishDraft } from '../src/cli/finish-draft.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli/cli-support.ts';
import { parseCommand } from '../src/cli/command-line.ts';
import { COMMANDS, EXIT, type CommandName } from '../src/cli/commands.ts';
import { copyFixtureSite, FIXTURE_SITE, ROOT } from './build-site.ts';

const NODE = join(ROOT, 'node_modules/.bin/node');
const ENTRY = join(ROOT, 'src/cli/review.ts');
const NAMES = Object.keys(COMMANDS) as CommandName[];

/** The snapshot cache of these commands: their own, not the project's. */
const CACHE = mkdtempSync(join(tmpdir(), 'cli-cache-'));

/** The environment without the folders a developer's shell may have set. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of ['REVIEW_DATA_DIR', 'REVIEW_REPORTS_DIR', 'REVIEW_EXTERNAL_DATA'])
    delete base[name];
  return { ...base, ASTRO_CACHE_DIR: CACHE, ...env };
}

/** Runs `npx review <args>` as a user would, in the project folder. */
function review(args: readonly string[], env: Record<string, string> = {}) {
  const run = spawnSync(NODE, [ENTRY, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: cleanEnv(env),
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A stack frame line, which no expected outcome may print. */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

describe('npx review --help', () => {
  it('every command and the entry print usage, options with defaults, environment, examples and exit codes, exit 0', () => {
    const top = review(['--help']);
    expect(top.code).toBe(0);
    for (const name of NAMES) expect(top.stdout).toContain(`  ${name} `);
    expect(top.stdout).toMatch(
      /Exit codes\n {2}0 +done\n {2}1 [^]*\n {2}2 [^]*\n {2}70 +the command crashed/,
    );
    for (const [i, name] of NAMES.entries()) {
      const spec = COMMANDS[name];
      // -h on some, --help on the others: both are help.
      const run = review([name, i % 2 === 0 ? '--help' : '-h']);
      expect(run.code, name).toBe(0);
      expect(run.stderr, name).toBe('');
      const help = run.stdout;
      expect(help, name).toContain(`Usage\n  npx review ${name}`);
      if (spec.npmScript) expect(help, name).toContain(`npm run ${spec.npmScript} --`);
      for (const [option, o] of Object.entries(spec.options)) {
        if ('hidden' in o) continue;
        expect(help, `${name} --${option}`).toContain(`--${option}`);
        if ('default' in o) expect(help, `${name} --${option}`).toContain(o.default);
      }
      for (const variable of spec.env) expect(help, name).toContain(variable);
      const examples = /\nExamples\n([^]*?)\n\n/.exec(help)?.[1] ?? '';
      expect(examples, name).toContain(`npx review ${name}`);
      expect(help, name).toMatch(/Exit codes\n {2}0 +done/);
      // Help wraps long lines: compare with the spaces folded.
      const flat = help.replace(/\s+/g, ' ');
      if ('failure' in spec) expect(flat, name).toContain(` 1 ${spec.failure} 2 `);
      expect(help, name).not.toMatch(STACK_FRAME);
    }
  });

  it('shows the folder an environment variable sets as the default in use', () => {
    const run = review(['validate', '--help'], { REVIEW_DATA_DIR: 'examples/telco/data' });
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      '--data <folder> folder of snapshots (default: $REVIEW_DATA_DIR, now "examples/telco/data")',
    );
  });
});

describe('a wrong command line', () => {
  it('an unknown command or option is one line naming the allowed ones and the help, exit 2', () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['valdate'],
        /unknown command "valdate" \(did you mean "validate"\?\); the commands are build, dev, preview, validate,/,
      ],
      [
        ['validate', '--jsn', 'data/2026-Q3'],
        /unknown option --jsn \(did you mean --json\?\); it takes --json, --data, --help/,
      ],
      [['--verbose'], /unknown option --verbose; the command comes first/],
      [['new-snapshot', 'a.csv', '--id'], /--id needs a value/],
      [['validate'], /missing <snapshot>/],
      [['demo-data', '--quarters', 'many'], /--quarters must be a whole number \(got "many"\)/],
    ];
    for (const [args, message] of cases) {
      const run = review(args);
      expect(run.code, args.join(' ')).toBe(EXIT.usage);
      expect(run.stdout, args.join(' ')).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0], args.join(' ')).toMatch(message);
      expect(lines[0], args.join(' ')).toMatch(/See `npx review( [a-z-]+)? --help`\.$/);
    }
  });

  it('a REVIEW_LOCALE that names no locale is refused before building, in one line, exit 2', () => {
    for (const command of ['build', 'dev']) {
      const run = review([command], { REVIEW_LOCALE: 'english please' });
      expect(run.code, command).toBe(EXIT.usage);
      expect(run.stderr.trimEnd().split('\n'), command).toEqual([
        `review ${command}: REVIEW_LOCALE="english please" names no locale: write a language tag such as en-GB, de-DE or fr-CA. See \`npx review ${command} --help\`.`,
      ]);
    }
  });

  it('no command at all prints the overview on the error output, exit 2', () => {
    const bare = review([]);
    expect(bare.code).toBe(EXIT.usage);
    expect(bare.stderr).toContain('Usage\n  npx review <command>');
  });

  it('every command refuses an option it does not take, naming those it does', () => {
    for (const name of NAMES) {
      let error: unknown;
      try {
        parseCommand(name, ['--bogus'], {});
      } catch (caught) {
        error = caught;
      }
      expect(error, name).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode, name).toBe(EXIT.usage);
      for (const [option, o] of Object.entries(COMMANDS[name].options))
        if (!('hidden' in o)) expect((error as CliError).message, name).toContain(`--${option}`);
    }
  });
});

describe('exit codes', () => {
  it('0 for a valid snapshot, 1 for one with errors, each without a stack trace', () => {
    const { dataDir } = copyFixtureSite();
    const valid = review(['validate', join(dataDir, '2026-Q2')]);
    expect(valid.code).toBe(0);
    const survey = join(dataDir, '2026-Q2/survey.csv');
    writeFileSync(
      survey,
      readFileSync(survey, 'utf8').replace(
        '2026-Q2-1,C1,2026-04-10,Alpha,5,',
        '2026-Q2-1,C1,2026-04-10,Alpha,15,',
      ),
    );
    const invalid = review(['validate', join(dataDir, '2026-Q2')]);
    expect(invalid.code).toBe(EXIT.failed);
    expect(invalid.stdout).toContain('[out-of-scale]');
    expect(`${invalid.stdout}${invalid.stderr}`).not.toMatch(STACK_FRAME);
  });

  it('70 for a crash, printed with its stack and causes as a bug to report', () => {
    const script = `import { runCli } from ${JSON.stringify(join(ROOT, 'src/cli/cli-support.ts'))};
      await runCli('validate', async () => { throw new Error('reduce failed', { cause: new RangeError('Maximum call stack size exceeded') }); });`;
    const run = spawnSync(NODE, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status).toBe(EXIT.crash);
    expect(run.stderr).toMatch(/^review validate crashed\. This is a bug: please report it/);
    expect(run.stderr).toContain('Error: reduce failed');
    expect(run.stderr).toContain('Caused by:\nRangeError: Maximum call stack size exceeded');
    expect(run.stderr).toMatch(STACK_FRAME);
  });
});

describe('the data and reports folders from the environment', () => {
  it('validate finds a snapshot by id in REVIEW_DATA_DIR, and lists that folder’s snapshots for an unknown id', () => {
    const env = { REVIEW_DATA_DIR: join(FIXTURE_SITE, 'data') };
    const found = review(['validate', '2026-Q2'], env);
    expect(found.code).toBe(0);
    expect(found.stdout).toContain('test/fixtures/site/data/2026-Q2: 0 errors');
    const unknown = review(['validate', '2026-Q3'], env);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toMatch(
      /No snapshot "2026-Q3" in .*test\/fixtures\/site\/data\/ \(did you mean "2026-Q1" or "2026-Q2"\?\)\. Its snapshots: 2026-Q1, 2026-Q2\./,
    );
  });

  it('new-snapshot writes the new snapshot in REVIEW_DATA_DIR, and --data wins over it', () => {
    const { dataDir } = copyFixtureSite();
    const exports = join(ROOT, 'test/fixtures/new-snapshot/garden-centre-nps.csv');
    const drafted = review(['new-snapshot', exports, '--id', '2026-Q4'], {
      REVIEW_DATA_DIR: dataDir,
    });
    // A draft that does not validate clean exits 1; either way it is written, without a crash.
    expect([0, 1], drafted.stderr).toContain(drafted.code);
    expect(drafted.stderr).not.toMatch(STACK_FRAME);
    expect(existsSync(join(dataDir, '2026-Q4/manifest.json'))).toBe(true);
    expect(existsSync(join(dataDir, '2026-Q4/garden-centre-nps.csv'))).toBe(true);
    expect(existsSync(join(ROOT, 'data/2026-Q4'))).toBe(false);
    const other = join(tmpdir(), `review-cli-${process.pid}`);
    rmSync(other, { recursive: true, force: true });
    review(['new-snapshot', exports, '--id', '2026-Q4', '--data', other], {
      REVIEW_DATA_DIR: dataDir,
    });
    expect(existsSync(join(other, '2026-Q4/manifest.json'))).toBe(true);
    rmSync(other, { recursive: true, force: true });
  });

  it('new-report reads REVIEW_DATA_DIR and writes into REVIEW_REPORTS_DIR', () => {
    const { dataDir, reportsDir } = copyFixtureSite();
    rmSync(join(reportsDir, '2026-Q2'), { recursive: true });
    const run = review(['new-report', '2026-Q2'], {
      REVIEW_DATA_DIR: dataDir,
      REVIEW_REPORTS_DIR: reportsDir,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Wrote ${join(reportsDir, '2026-Q2/v1.mdx')} (draft)`);
    expect(readFileSync(join(reportsDir, '2026-Q2/v1.mdx'), 'utf8')).toContain('status: draft');
  });

  it('build takes the folders from --data and --reports as from the environment', () => {
    const { dataDir, reportsDir } = copyFixtureSite();
    const outDir = join(dataDir, '../site');
    // What Node ran the build with, written as the build's process exits.
    const argvFile = join(dataDir, '../exec-argv.json');
    const hook = `data:text/javascript,${encodeURIComponent(
      "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.EXEC_ARGV_FILE, JSON.stringify(process.execArgv)));",
    )}`;
    const run = review(['build', '--data', dataDir, '--reports', reportsDir, '--outDir', outDir], {
      ASTRO_CACHE_DIR: join(dataDir, '../cache'),
      ASTRO_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      NODE_OPTIONS: `--import ${hook}`,
      EXEC_ARGV_FILE: argvFile,
    });
    expect(run.code, run.stderr).toBe(0);
    // The build replaced its process with one whose young generation is small.
    expect(JSON.parse(readFileSync(argvFile, 'utf8'))).toContain(
      `--max-semi-space-size=${BUILD_SEMI_SPACE_MB}`,
    );
    // The fixture's two periods, not the demo data's eight.
    expect(existsSync(join(outDir, 'reports/2026-Q2/v1/index.html'))).toBe(true);
    expect(existsSync(join(outDir, 'reports/2026-Q3'))).toBe(false);
  });
});

describe('a draft whose data changed since it was drafted', () => {
  it('publish-report names new-report, new-report re-pins the draft keeping its text, and it publishes', () => {
    const { dataDir, reportsDir } = copyFixtureSite();
    rmSync(join(reportsDir, '2026-Q2'), { recursive: true });
    const env = { REVIEW_DATA_DIR: dataDir, REVIEW_REPORTS_DIR: reportsDir };
    const draft = join(reportsDir, '2026-Q2/v1.mdx');
    expect(review(['new-report', '2026-Q2'], env).code).toBe(0);
    writeFileSync(draft, finishDraft(readFileSync(draft, 'utf8')));
    appendFileSync(draft, '\nThe analyst’s own paragraph.\n');
    // The data changes after drafting: a late response added to the export.
    const survey = join(dataDir, '2026-Q2/survey.csv');
    appendFileSync(survey, '2026-Q2-999,C999,2026-06-20,Alpha,9,Satisfied,6,\n');

    const refused = review(['publish-report', '2026-Q2'], env);
    expect(refused.code).toBe(EXIT.failed);
    expect(refused.stderr).toContain(
      'run `npm run new-report -- 2026-Q2` to re-pin the draft to the current data',
    );
    expect(refused.stderr).not.toMatch(STACK_FRAME);

    // What it says to run does it, rather than answer "already a draft".
    const repinned = review(['new-report', '2026-Q2'], env);
    expect(repinned.code, repinned.stderr).toBe(0);
    // The data phase's line first: publish-report read the changed quarter already, so nothing is.
    expect(repinned.stdout).toMatch(/^snapshots: 2 \(2 from cache, 0 parsed\) in \d+\.\d s\n/);
    expect(repinned.stdout).toMatch(
      /^Re-pinned .*2026-Q2\/v1\.mdx to the current data of 2026-Q2/m,
    );
    expect(readFileSync(draft, 'utf8')).toContain('The analyst’s own paragraph.');

    const published = review(['publish-report', '2026-Q2'], env);
    expect(published.code, published.stderr).toBe(0);
    expect(readFileSync(draft, 'utf8')).toContain('status: published');
  });
});
