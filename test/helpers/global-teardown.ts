import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const server = g.__SCHAKEL_PG__ as { stop: () => Promise<void> } | undefined;
  await server?.stop();
  const scratch = g.__SCHAKEL_SCRATCH__ as string | undefined;
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
}
