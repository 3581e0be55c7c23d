/**
 * A throwaway PostgreSQL cluster for tests: initdb and pg_ctl from the machine's PostgreSQL
 * (on PATH, or Debian's /usr/lib/postgresql/<version>/bin, which .ci/run installs), listening on
 * a unix socket in a temporary folder only, stopped and removed after. PostgreSQL refuses to
 * run as root, so as root the cluster runs as the `postgres` user.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The folder of initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function postgresBin(): string | null {
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = join(debian, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    return initdb ? join(initdb, '..') : null;
  } catch {
    // No initdb on PATH either: the tests that need a server say so and skip.
    return null;
  }
}

export interface Cluster {
  /** The socket folder: the `host` a client connects to. */
  host: string;
  /** A folder the server can read files from (for COPY). */
  files: string;
  stop(): void;
}

/** Starts a cluster; `stop()` stops it and removes its folder. */
export function startCluster(bin: string): Cluster {
  const root = mkdtempSync(join(tmpdir(), 'review-pg-'));
  const asRoot = userInfo().uid === 0;
  const run = (tool: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : join(bin, tool),
      asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args,
      { stdio: 'pipe' },
    );
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(root, uid, gid);
  }
  const data = join(root, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  run('pg_ctl', [
    '-D',
    data,
    '-o',
    `-k ${root} -c listen_addresses='' -c fsync=off`,
    '-l',
    join(root, 'log'),
    '-w',
    'start',
  ]);
  return {
    host: root,
    files: root,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

/** The uid and gid of the `postgres` user. */
function postgresUser(): { uid: number; gid: number } {
  const [uid, gid] = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
    .trim()
    .concat(' ', execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    .split(' ')
    .map(Number);
  return { uid: uid!, gid: gid! };
}
