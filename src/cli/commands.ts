/**
 * Every command of `npx review` as data: what it does, its arguments and options with their
 * defaults, the environment it reads, examples and what its exit codes mean. The entry
 * (`review.ts`) reads this table to print help and refuse a wrong command line before it loads
 * a command's module; each command parses its arguments with the same spec (`command-line.ts`);
 * `docs/cli.md` is generated from it. Data only: it imports nothing a command needs to run.
 */
import { DEFAULT_DEMO } from '../demo/demo-generator.ts';
import { DUCKDB_MEMORY_LIMIT } from '../reducing/sql/duckdb-engine.ts';
import environment from './environment.json' with { type: 'json' };

/** One option of a command. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One-letter alias, e.g. "h" for -h. */
  short?: string;
  /** The value's placeholder in help, e.g. "<folder>". */
  value?: string;
  description: string;
  /** The value when the option is absent (and its environment variable unset). */
  default?: string;
  /** An environment variable whose value, when set, is the default instead. */
  env?: EnvName;
  /** A whole number is required (checked before the command runs). */
  integer?: boolean;
  /** Left out of help: an option the command passes to itself. */
  hidden?: boolean;
}

/** One command of the CLI. */
export interface CommandSpec {
  /** One line: what the command does. */
  summary: string;
  /** Longer description, shown under the usage line. */
  description?: string;
  /** The arguments after the command name, e.g. "<snapshot>". */
  args: string;
  /** Each argument's meaning. */
  argHelp?: Record<string, string>;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number };
  options: Record<string, OptionSpec>;
  /** Environment variables it reads. */
  env: readonly EnvName[];
  examples: readonly string[];
  /** What exit code 1 means for this command; absent when it has no expected failure. */
  failure?: string;
  /** The npm script that runs it, when one does. */
  npmScript?: string;
  /** Maintainer tools are listed apart in the help. */
  group: 'analyst' | 'site' | 'maintainer';
}

/** An environment variable a command reads: its default (empty: none) and what it means. */
export interface EnvVariable {
  default: string;
  description: string;
}

/**
 * The environment variables the commands read. Plain strings and nothing a command computes, so
 * they are a data file beside this one (environment.json); help and docs/cli.md print them.
 */
export const ENVIRONMENT = environment satisfies Record<string, EnvVariable>;

export type EnvName = keyof typeof ENVIRONMENT;

/**
 * The exit codes every command follows. 1 is the expected failure (bad data, a refused
 * operation), said in words without a stack; 70 (EX_SOFTWARE of sysexits.h) is a crash, a bug,
 * printed with its stack so it can be reported.
 */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  crash: 70,
  interrupted: 130,
  terminated: 143,
} as const;

/** What each exit code means, for help and docs. */
export const EXIT_MEANINGS: ReadonlyArray<[code: number, meaning: string]> = [
  [EXIT.ok, 'done'],
  [EXIT.failed, 'the data or the reports have errors, or the operation was refused: said why'],
  [EXIT.usage, 'the command line is wrong (unknown command or option, missing argument)'],
  [EXIT.crash, 'the command crashed: a bug, printed with its stack trace to report'],
  [EXIT.interrupted, 'interrupted by Ctrl-C (143 when terminated)'],
];

const SITE_ENV = [
  'REVIEW_DATA_DIR',
  'REVIEW_REPORTS_DIR',
  'REVIEW_EXTERNAL_DATA',
  'REVIEW_DRAFTS',
  'REVIEW_LOCALE',
  'REVIEW_SITE_TITLE',
  'SITE_BASE',
  'SITE_URL',
  'ASTRO_CACHE_DIR',
] as const satisfies readonly EnvName[];

/** An option naming a folder, with its default. */
function folderOption(description: string, fallback: string) {
  return { type: 'string', value: '<folder>', description, default: fallback } as const;
}

/** An option taking a whole number, with its default. */
function numberOption(description: string, fallback: string) {
  return {
    type: 'string',
    value: '<number>',
    description,
    default: fallback,
    integer: true,
  } as const;
}

/** A command that takes no arguments. */
const NO_ARGS = { args: '', positionals: { min: 0, max: 0 } } as const;

const data = {
  ...folderOption('folder of snapshots', 'data'),
  env: 'REVIEW_DATA_DIR',
} as const satisfies OptionSpec;

const reports = {
  ...folderOption('folder of the MDX reports', 'reports'),
  env: 'REVIEW_REPORTS_DIR',
} as const satisfies OptionSpec;

const port = numberOption('port to listen on', '4321');

const host = {
  type: 'string',
  value: '<address>',
  description: 'address to listen on (0.0.0.0 for every network)',
  default: 'localhost',
} as const satisfies OptionSpec;

/** The folders and variables of the commands that read snapshots and reports. */
const REPORT_FOLDERS = {
  options: { data, reports },
  env: ['REVIEW_DATA_DIR', 'REVIEW_REPORTS_DIR', 'REVIEW_EXTERNAL_DATA'],
} as const;

/** A report command's one argument, the snapshot, and its folders. */
const REPORT_COMMAND = {
  args: '<snapshot-id>',
  argHelp: {
    '<snapshot-id>': 'the snapshot, by the name of its folder under the data folder, e.g. 2026-Q4',
  },
  positionals: { min: 1, max: 1 },
  ...REPORT_FOLDERS,
} as const;

export const COMMANDS = {
  build: {
    group: 'site',
    summary: 'build the site into dist/, atomically',
    description:
      'Builds every snapshot and report into a static site, with the board pack (PDF) of each published version when Chromium is there. The site is written to a staging folder and moved into place only when the whole build succeeded: a failed build leaves the previous site byte for byte.',
    ...NO_ARGS,
    options: {
      outDir: folderOption('where the site goes', 'dist'),
      data,
      reports,
      boardPacks: {
        type: 'string',
        value: '<auto|yes|no>',
        description:
          "print each published version's board pack (PDF) beside its page, which then links to it: auto does when Chromium is found, yes requires it",
        default: 'auto',
        env: 'REVIEW_BOARD_PACKS',
      },
    },
    env: [...SITE_ENV, 'REVIEW_BOARD_PACKS', 'CHROMIUM_PATH'],
    examples: [
      'npx review build',
      'npx review build --boardPacks no',
      'npx review build --outDir public-site',
      'REVIEW_DRAFTS=1 npx review build',
    ],
    failure: 'a snapshot or a report has errors, or a published version was changed',
    npmScript: 'build',
  },
  dev: {
    group: 'site',
    summary: 'serve the site live, drafts included, reloading on changes',
    ...NO_ARGS,
    options: { port, host, data, reports },
    env: SITE_ENV,
    examples: ['npx review dev', 'npx review dev --port 3000'],
    failure: 'the server could not start',
    npmScript: 'dev',
  },
  preview: {
    group: 'site',
    summary: 'serve the built site (run build first)',
    ...NO_ARGS,
    options: {
      outDir: folderOption('the built site to serve', 'dist'),
      port,
      host,
    },
    env: ['SITE_BASE'],
    examples: ['npx review build && npx review preview'],
    failure: 'no built site, or the server could not start',
    npmScript: 'preview',
  },
  validate: {
    group: 'analyst',
    summary: 'check one snapshot and report every problem at once',
    description:
      'Reads every file of the snapshot and prints each problem as file, row, column, what is wrong and what to do, errors first. Warnings do not fail it.',
    args: '<snapshot>',
    argHelp: {
      '<snapshot>':
        'a snapshot folder (data/2026-Q4), or a snapshot id looked up in the data folder (2026-Q4)',
    },
    positionals: { min: 1, max: 1 },
    options: {
      json: { type: 'boolean', description: 'print the report as JSON, for scripts' },
      data,
    },
    env: ['REVIEW_DATA_DIR', 'REVIEW_EXTERNAL_DATA'],
    examples: [
      'npx review validate data/2026-Q4',
      'npx review validate 2026-Q4 --json',
      'REVIEW_DATA_DIR=examples/telco/data REVIEW_EXTERNAL_DATA=../shared/datasets npx review validate telco',
    ],
    failure: 'the snapshot has errors',
    npmScript: 'validate',
  },
  reduce: {
    group: 'analyst',
    summary: 'turn a raw snapshot into a reduced one (states only, pseudonymised ids)',
    description:
      'Writes manifest.json and reduced.json: the states every figure is computed from, customer ids as keyed pseudonyms, no free text but the redacted comment samples. The build reads a reduced snapshot as it reads the raw one (docs/reduced-snapshots.md). The duckdb and postgres engines run SQL generated from the manifest (docs/warehouse.md).',
    args: '<snapshot dir>',
    argHelp: { '<snapshot dir>': 'a raw snapshot folder, e.g. data/2026-Q3' },
    positionals: { min: 1, max: 1 },
    options: {
      out: {
        type: 'string',
        value: '<folder>',
        description: 'the reduced snapshot folder, named as the snapshot id (default reduced/<id>)',
      },
      engine: {
        type: 'string',
        value: '<engine>',
        description:
          "typescript (the build's own reader), duckdb (generated SQL in embedded DuckDB; reads CSV and Parquet) or postgres (the same SQL on a PostgreSQL server, on tables named like the manifest's files)",
        default: 'typescript',
      },
      connection: {
        type: 'string',
        value: '<url>',
        description: 'PostgreSQL connection string (default: the PG* environment variables)',
      },
      'memory-limit': {
        type: 'string',
        value: '<size>',
        description: `DuckDB's memory_limit, e.g. 600MB (default ${DUCKDB_MEMORY_LIMIT}, which keeps 10M orders under 1 GB; DuckDB spills the rest to the OS's temporary folder)`,
      },
      threads: {
        type: 'string',
        value: '<number>',
        description: "DuckDB's threads",
        integer: true,
      },
    },
    env: ['REVIEW_PSEUDONYM_KEY', 'REVIEW_EXTERNAL_DATA'],
    examples: [
      'REVIEW_PSEUDONYM_KEY=… npx review reduce data/2026-Q3',
      'REVIEW_PSEUDONYM_KEY=… npx review reduce data/2026-Q3 --engine duckdb --out reduced/2026-Q3',
    ],
    failure: 'the snapshot has errors, or a needed key is missing',
    npmScript: 'reduce',
  },
  'new-snapshot': {
    group: 'analyst',
    summary: 'draft a snapshot and its manifest from export files',
    description:
      'Copies the exports into a new snapshot folder, drafts manifest.json from their headers and values, prints every assumption it made, and validates the result.',
    args: '<export files…>',
    argHelp: { '<export files…>': 'the CSV exports of the period (survey, orders, tickets…)' },
    positionals: { min: 1, max: Infinity },
    options: {
      id: {
        type: 'string',
        value: '<snapshot-id>',
        description:
          'the snapshot id, e.g. 2026-Q4 (or taken from --out); an id naming a quarter, half year (2026-H2), month (2026-11) or year also gives the period',
      },
      out: {
        type: 'string',
        value: '<folder>',
        description: 'the new snapshot folder (default: <data folder>/<id>)',
      },
      data,
      period: {
        type: 'string',
        value: '<label>',
        description: 'the period as readers see it, e.g. "Q4 2026" (default: from the id)',
      },
      start: {
        type: 'string',
        value: '<YYYY-MM-DD>',
        description: "first day of the period (default: from the id, else the survey's dates)",
      },
      end: {
        type: 'string',
        value: '<YYYY-MM-DD>',
        description: "last day of the period (default: from the id, else the survey's dates)",
      },
    },
    env: ['REVIEW_DATA_DIR', 'REVIEW_EXTERNAL_DATA'],
    examples: [
      'npx review new-snapshot exports/*.csv --id 2026-Q4',
      'npx review new-snapshot survey.csv --id 2026-Q4 --start 2026-10-01 --end 2026-12-31',
    ],
    failure: 'the folder already has a manifest, or the drafted snapshot has errors',
    npmScript: 'new-snapshot',
  },
  'new-report': {
    group: 'analyst',
    summary: "draft a report for a snapshot, or re-pin a draft to its snapshot's current data",
    description:
      "Writes reports/<snapshot-id>/v<N>.mdx with every section wired and the findings drafted. When the snapshot's draft pins older data, it re-pins the draft to the current data and keeps its text.",
    ...REPORT_COMMAND,
    examples: ['npx review new-report 2026-Q4'],
    failure:
      'the snapshot is invalid, or a published version already reports its data (published reports are immutable)',
    npmScript: 'new-report',
  },
  'publish-report': {
    group: 'analyst',
    summary: "freeze a draft's figures and mark it published",
    ...REPORT_COMMAND,
    examples: ['npx review publish-report 2026-Q4'],
    failure: 'no draft, a draft pinned to older data, or an invalid snapshot',
    npmScript: 'publish-report',
  },
  pdf: {
    group: 'site',
    summary: 'print the board pack (PDF) of every published version from the built site',
    description:
      'Writes dist/reports/<period>/v<N>/board-pack.pdf beside each published version page, printed by Chromium with the print stylesheet: A4 or Letter, a running header with the review and version, numbered pages. The build already prints them on A4 when Chromium is there; run this after it for Letter or to print again.',
    ...NO_ARGS,
    options: {
      dist: folderOption('the built site', 'dist'),
      format: {
        type: 'string',
        value: '<A4|Letter>',
        description: 'paper size',
        default: 'A4',
      },
      period: {
        type: 'string',
        value: '<period>',
        description: "only this period's versions, e.g. 2026-Q3",
      },
      base: {
        type: 'string',
        value: '<path>',
        description: 'the base path the site was built for',
        default: '/',
        env: 'SITE_BASE',
      },
    },
    env: ['SITE_BASE', 'CHROMIUM_PATH'],
    examples: [
      'npx review build && npx review pdf',
      'npx review pdf --format Letter --period 2026-Q3',
    ],
    failure: 'no built site, no Chromium, or no published version',
    npmScript: 'pdf',
  },
  'migrate-frozen': {
    group: 'analyst',
    summary: 'bring frozen figures of published versions to the current format',
    ...NO_ARGS,
    ...REPORT_FOLDERS,
    examples: ['npx review migrate-frozen'],
    failure: 'a file could not be migrated (each is said)',
    npmScript: 'migrate-frozen',
  },
  'demo-data': {
    group: 'maintainer',
    summary: 'regenerate the demo snapshots (deterministic)',
    ...NO_ARGS,
    options: {
      out: { ...folderOption('where the snapshots go', 'data'), env: 'REVIEW_DATA_DIR' },
      seed: numberOption('random seed', String(DEFAULT_DEMO.seed)),
      quarters: numberOption('how many quarters', String(DEFAULT_DEMO.quarters)),
    },
    env: ['REVIEW_DATA_DIR'],
    examples: ['npx review demo-data', 'npx review demo-data --out /tmp/demo --quarters 4'],
    npmScript: 'demo-data',
  },
  bench: {
    group: 'maintainer',
    summary: 'time the data path on 3,000,000 generated rows against DuckDB',
    ...NO_ARGS,
    options: {
      responses: numberOption('survey responses to generate', '1000000'),
      orders: numberOption('orders to generate', '2000000'),
      runs: numberOption('runs of each; the best counts', '5'),
      dir: folderOption('where the generated snapshot is kept', 'bench-data/snapshot'),
      once: {
        type: 'boolean',
        description: 'run our path once and print its figures as JSON',
        hidden: true,
      },
      'same-work': {
        type: 'boolean',
        description:
          'also time DuckDB doing the same work as our path (the generated reduction SQL; about a minute)',
      },
      'generate-only': {
        type: 'boolean',
        description: 'write the snapshot (e.g. with --orders 10000000 --dir …) and stop',
      },
      build: {
        type: 'boolean',
        description:
          'first time site builds (fresh, nothing changed, a quarter added, 40 quarters) and the committed frozen bytes per quarter; takes minutes',
      },
    },
    env: [],
    examples: [
      'npx review bench',
      'npx review bench --responses 100000 --orders 200000 --runs 1',
      'npx review bench --build --runs 1',
    ],
    failure: 'the generated snapshot did not load',
    npmScript: 'bench',
  },
  'bench-validate': {
    group: 'maintainer',
    summary: 'time validate on valid and error-ridden snapshots',
    ...NO_ARGS,
    options: {
      rows: numberOption('responses per snapshot', '120000'),
      runs: numberOption('runs of each case; the best counts', '1'),
    },
    env: [],
    examples: ['npx review bench-validate --rows 20000'],
    npmScript: 'bench:validate',
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;
