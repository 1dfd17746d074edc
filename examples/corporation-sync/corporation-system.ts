/**
 * The other half of the example: a fictional housing corporation's registration system ("Woongoed
 * huurregistratie") that keeps its own records and stays in sync with Schakel both ways.
 *
 * - Out: its records (cases, subjects, information items, each by its own key) go to Schakel as one JSON-lines
 *   file, streamed to `POST /import`. Schakel's answer per row (CREATED, UPDATED, UNCHANGED, REJECTED) is kept
 *   with the record, so the system knows each record's Schakel id and version. Replaying the same file changes
 *   nothing: every row comes back UNCHANGED.
 * - In: the webhook receiver (receiver.ts: signature checked, duplicates dropped) hands over the changes other
 *   partners make in the cases the corporation takes part in; each is kept in the system's inbox, once, with only
 *   what the corporation's organisation may see (Schakel decided that before sending).
 *
 * The "system" is a JSON file: a stand-in for the corporation's database. Node.js only; no Schakel code.
 *
 *   node dist/examples/corporation-sync/corporation-system.js push   --state corp.json --url http://127.0.0.1:4000 --token <jwt> --purpose ENDING_NUISANCE
 *   node dist/examples/corporation-sync/corporation-system.js listen --state corp.json --secret whsec_… --port 8787
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createWebhookReceiver, fileDedupStore, type SchakelEvent, type WebhookReceiver } from './receiver';

/** The corporation's own key space in Schakel. */
export const SOURCE_SYSTEM = 'woongoed-huurregistratie';

/** One record as the corporation keeps it: its own key and the fields Schakel's import takes. */
export interface CorporationRecord {
  kind: 'CASE' | 'SUBJECT' | 'INFORMATION_ITEM';
  externalId: string;
  fields: Record<string, unknown>;
  /** What Schakel answered for it the last time it was sent. */
  schakel?: { id?: string; version?: number; outcome: string; reason?: string };
}

/** A change another partner made, as received. */
export interface InboxEntry {
  eventId: string;
  receivedAt: string;
  event: SchakelEvent;
}

interface State {
  records: CorporationRecord[];
  inbox: InboxEntry[];
}

export interface ImportSummary {
  mode: string;
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export class CorporationSystem {
  constructor(readonly stateFile: string) {}

  load(): State {
    if (!fs.existsSync(this.stateFile)) return { records: [], inbox: [] };
    return JSON.parse(fs.readFileSync(this.stateFile, 'utf8')) as State;
  }

  private save(state: State): void {
    const tmp = `${this.stateFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state, null, 2));
    fs.renameSync(tmp, this.stateFile); // never a half-written state
  }

  /** Add or change a record in the corporation's own system (by its own key). */
  upsertRecord(kind: CorporationRecord['kind'], externalId: string, fields: Record<string, unknown>): void {
    const state = this.load();
    const existing = state.records.find((r) => r.kind === kind && r.externalId === externalId);
    if (existing) existing.fields = fields;
    else state.records.push({ kind, externalId, fields });
    this.save(state);
  }

  /** Write the records as the JSON-lines file `POST /import` takes (one row per record, the corporation's keys). */
  exportFile(file: string): number {
    const { records } = this.load();
    const lines = records.map((r) => JSON.stringify({ kind: r.kind, sourceSystem: SOURCE_SYSTEM, externalId: r.externalId, ...r.fields }));
    fs.writeFileSync(file, lines.length ? `${lines.join('\n')}\n` : '');
    return lines.length;
  }

  /**
   * Send every record to Schakel: the export file streamed to `POST /import`, the results read as they stream
   * back and kept with the records. Returns the summary.
   */
  async push(opts: { url: string; token: string; purpose: string; mode?: 'per-row' | 'all-or-nothing'; file?: string }): Promise<ImportSummary> {
    const file = opts.file ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'corp-')), 'export.jsonl');
    this.exportFile(file);
    const res = await fetch(`${opts.url.replace(/\/$/, '')}/import?mode=${opts.mode ?? 'per-row'}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${opts.token}`,
        'x-schakel-purpose': opts.purpose,
        'content-type': 'application/x-ndjson',
      },
      body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    if (!res.ok || !res.body) throw new Error(`Schakel answered ${res.status}: ${await res.text()}`);
    const state = this.load();
    let summary: ImportSummary | undefined;
    let buffered = '';
    const take = (line: string) => {
      if (!line.trim()) return;
      const r = JSON.parse(line) as { row?: number; outcome?: string; id?: string; version?: number; reason?: string; summary?: ImportSummary };
      if (r.summary) summary = r.summary;
      else if (r.row) state.records[r.row - 1].schakel = { id: r.id, version: r.version, outcome: r.outcome ?? 'UNKNOWN', reason: r.reason };
    };
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += Buffer.from(chunk).toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      lines.forEach(take);
    }
    take(buffered);
    if (!summary) throw new Error('Schakel sent no summary: the import did not finish');
    // All-or-nothing without commit: nothing was written, so the ids and versions of this attempt mean nothing.
    if (summary.committed) this.save(state);
    return summary;
  }

  /** Keep a change another partner made (the receiver has checked the signature and dropped duplicates). */
  receive(event: SchakelEvent): void {
    const state = this.load();
    if (state.inbox.some((e) => e.eventId === event.id)) return;
    state.inbox.push({ eventId: event.id, receivedAt: new Date().toISOString(), event });
    this.save(state);
  }

  /** Listen for Schakel's webhooks on this system's behalf. */
  receiver(opts: { secret: string | (() => string); dedupFile?: string; path?: string }): WebhookReceiver {
    return createWebhookReceiver({
      secret: opts.secret,
      path: opts.path,
      store: opts.dedupFile ? fileDedupStore(opts.dedupFile) : undefined,
      onEvent: (e) => this.receive(e),
    });
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      state: { type: 'string', default: 'corporation-state.json' },
      url: { type: 'string' },
      token: { type: 'string' },
      purpose: { type: 'string' },
      mode: { type: 'string', default: 'per-row' },
      secret: { type: 'string' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const system = new CorporationSystem(values.state!);
  if (positionals[0] === 'push' && values.url && values.token && values.purpose) {
    const summary = await system.push({ url: values.url, token: values.token, purpose: values.purpose, mode: values.mode as 'per-row' });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return summary.rejected ? 1 : 0;
  }
  if (positionals[0] === 'listen' && values.secret) {
    const url = await system.receiver({ secret: values.secret, dedupFile: `${values.state}.seen` }).listen(Number(values.port), values.host);
    process.stderr.write(`listening on ${url}: register it with registerWebhook\n`);
    return new Promise<number>(() => {});
  }
  process.stderr.write('usage: corporation-system push --state f --url u --token t --purpose p [--mode per-row|all-or-nothing]\n' +
    '       corporation-system listen --state f --secret s [--port 8787] [--host 127.0.0.1]\n');
  return 2;
}

if (require.main === module) {
  main().then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`${(e as Error).message}\n`); process.exitCode = 2; });
}
