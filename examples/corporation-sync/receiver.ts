/**
 * A webhook receiver for Schakel's change feed — the skeleton a partner's registration system (here: a fictional
 * housing corporation's tenant system) builds on. It depends on Node.js only, so it can be copied as it is.
 *
 * What it does for every POST (see the README, "Change feed: signed webhooks"):
 *  1. verifies `Schakel-Signature: t=<unix>,v1=<hex>`: HMAC-SHA256 over "<t>.<raw body>" with the webhook's secret,
 *     compared in constant time, the timestamp within a tolerance (replay) → else 401;
 *  2. deduplicates by the event id (`Schakel-Event-Id`, equal to the body's `id`): Schakel delivers at least once,
 *     so a repeated event is acknowledged (200) without being processed again;
 *  3. hands the event to `onEvent`; when that throws, answers 500, so Schakel retries later (and the event is not
 *     remembered as processed).
 *
 * Use as a module:
 *   const r = createWebhookReceiver({ secret, store: fileDedupStore('seen-events.jsonl'), onEvent: async (e) => … });
 *   await r.listen(8787);
 * or run it (after `npm run build`) to print the events it receives:
 *   node dist/examples/corporation-sync/receiver.js --port 8787 --secret whsec_… [--store seen.jsonl]
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One change, as Schakel sends it: references plus the fields the receiving organisation may see. */
export interface SchakelEvent {
  id: string;
  type: string;
  occurredAt: string;
  sequence: string;
  collaboration: string | null;
  caseId: string | null;
  entityType: string;
  entityId: string;
  operation: 'created' | 'updated' | 'deleted';
  actorOrganisationId: string | null;
  purpose: string;
  data: Record<string, unknown> | null;
}

/** Verify a Schakel-Signature header over the raw body (as received, not re-serialised). */
export function verifySchakelSignature(
  secret: string,
  rawBody: string | Buffer,
  header: string | undefined,
  opts: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.trim().split('=') as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t)) return false;
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  return parts.some(([k, v]) => {
    if (k !== 'v1' || !v || !/^[0-9a-f]{64}$/.test(v)) return false;
    return timingSafeEqual(Buffer.from(v, 'hex'), expected);
  });
}

/** Where processed event ids are remembered. */
export interface DedupStore {
  has(eventId: string): boolean | Promise<boolean>;
  add(eventId: string): void | Promise<void>;
}

/** In memory: enough for a test; forgets on restart. */
export function memoryDedupStore(): DedupStore {
  const ids = new Set<string>();
  return { has: (id) => ids.has(id), add: (id) => void ids.add(id) };
}

/** A file of processed ids, one per line (appended; read at start): survives restarts of the receiver. */
export function fileDedupStore(file: string): DedupStore {
  const ids = new Set<string>(fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
  return {
    has: (id) => ids.has(id),
    add: (id) => {
      fs.appendFileSync(file, `${id}\n`);
      ids.add(id);
    },
  };
}

export interface ReceiverOptions {
  /** The secret registerWebhook returned (once), or a function giving it (read per request: rotation). */
  secret: string | (() => string);
  /** Process one event (not yet seen). Throw to have Schakel deliver it again later. */
  onEvent: (event: SchakelEvent) => void | Promise<void>;
  store?: DedupStore;
  /** Accept a signature this many seconds old at most (default 300). */
  toleranceSeconds?: number;
  /** Only this path is served (default: any). */
  path?: string;
  /** Largest body accepted (default 1 MiB). */
  maxBodyBytes?: number;
  /** Called with what happened to each request (logging). */
  onOutcome?: (o: { status: number; outcome: string; eventId?: string }) => void;
}

export interface WebhookReceiver {
  server: http.Server;
  /** Listen (port 0: a free one); resolves with the URL to register. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function createWebhookReceiver(opts: ReceiverOptions): WebhookReceiver {
  const store = opts.store ?? memoryDedupStore();
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  const inFlight = new Set<string>();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const answer = (status: number, outcome: string, eventId?: string) => {
      opts.onOutcome?.({ status, outcome, eventId });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ outcome }));
    };
    if (opts.path && new URL(req.url ?? '/', 'http://x').pathname !== opts.path) return answer(404, 'not-found');
    if (req.method !== 'POST') return answer(405, 'method-not-allowed');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) return answer(413, 'too-large');
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    const secret = typeof opts.secret === 'function' ? opts.secret() : opts.secret;
    if (!verifySchakelSignature(secret, raw, req.headers['schakel-signature'] as string | undefined, opts)) {
      return answer(401, 'bad-signature');
    }
    let event: SchakelEvent;
    try {
      event = JSON.parse(raw.toString('utf8')) as SchakelEvent;
    } catch {
      return answer(400, 'bad-json');
    }
    const id = req.headers['schakel-event-id'];
    if (typeof event.id !== 'string' || id !== event.id) return answer(400, 'event-id-mismatch');
    if (await store.has(event.id)) return answer(200, 'duplicate', event.id);
    // The same event arriving twice at once: let the second come back later, when the first is done.
    if (inFlight.has(event.id)) return answer(409, 'in-progress', event.id);
    inFlight.add(event.id);
    try {
      await opts.onEvent(event);
      await store.add(event.id);
      return answer(200, 'processed', event.id);
    } catch {
      return answer(500, 'handler-failed', event.id);
    } finally {
      inFlight.delete(event.id);
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return {
    server,
    listen: (port = 0, host = '127.0.0.1') =>
      new Promise((resolve) =>
        server.listen(port, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}${opts.path ?? '/'}`)),
      ),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** `node dist/examples/corporation-sync/receiver.js --port 8787 --secret whsec_… [--store seen.jsonl]`: print events. */
if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const secret = arg('secret') ?? process.env.SCHAKEL_WEBHOOK_SECRET;
  if (!secret) {
    process.stderr.write('usage: receiver.js --secret <whsec_…> [--port 8787] [--host 127.0.0.1] [--store seen.jsonl]\n');
    process.exit(2);
  }
  const store = arg('store') ? fileDedupStore(arg('store')!) : memoryDedupStore();
  const r = createWebhookReceiver({
    secret,
    store,
    onEvent: (e) => void process.stdout.write(`${JSON.stringify(e)}\n`),
    onOutcome: (o) => void process.stderr.write(`${o.status} ${o.outcome}${o.eventId ? ` ${o.eventId}` : ''}\n`),
  });
  void r.listen(Number(arg('port') ?? 8787), arg('host') ?? '127.0.0.1').then((url) => process.stderr.write(`receiving on ${url}\n`));
}
