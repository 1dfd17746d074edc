import { config } from '../config/config.js';
import { EMBEDDED_DATABASE } from '../../ormconfig.js';
import type { EmbeddedServer } from './embedded-postgres.js';

/**
 * Make sure a database server is there: DATABASE_URL when set, else the embedded PostgreSQL in
 * SCHAKEL_DATA_DIR (started here, stopped by the returned function).
 */
export async function ensureDatabase(log: (m: string) => void = (m) => process.stderr.write(`${m}\n`)): Promise<{
  stop: () => Promise<void>;
  embedded: boolean;
}> {
  const c = config();
  if (c.databaseUrl) return { stop: async () => undefined, embedded: false };
  const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
  const server: EmbeddedServer = await startEmbeddedPostgres({
    dataDir: `${c.dataDir}/pg`,
    port: c.embeddedPgPort,
    databases: [EMBEDDED_DATABASE],
    log,
  });
  return { stop: server.stop, embedded: true };
}
