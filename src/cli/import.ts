import { createReadStream, createWriteStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { PassThrough, Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import split2 from 'split2';

const USAGE = `usage: npm run import -- --file <data.jsonl|data.csv> [--format jsonl|csv] [--mode per-row|all-or-nothing]
         --url <http://127.0.0.1:4000> --token <jwt> --purpose <purpose> [--out <results.jsonl>]`;

/** CSV columns that are not strings. lifeDomains: values separated by | (or ;). Empty cells are left out. */
function csvRow(rec: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    const t = v.trim();
    if (t === '') continue;
    if (k === 'expectedVersion') out[k] = /^-?\d+$/.test(t) ? Number(t) : t;
    else if (k === 'viewableBeforeMeeting') out[k] = t === 'true' ? true : t === 'false' ? false : t;
    else if (k === 'lifeDomains') out[k] = t.split(/[|;]/).map((x) => x.trim()).filter(Boolean);
    else out[k] = v;
  }
  return out;
}

function args(argv: string[]): Record<string, string> {
  const a: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`);
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${argv[i]} needs a value`);
    a[argv[i].slice(2)] = v;
    i++;
  }
  return a;
}

/**
 * npm run import -- --file data.jsonl|data.csv …: stream a file of records to POST /import (CSV rows become
 * NDJSON lines on the way, with csv-parse; a JSON-lines file goes as it is), write the per-row results as
 * NDJSON to stdout or --out, and the summary to stderr. Never holds the file or the results in memory.
 * Exit 0: every row created, updated or unchanged; 1: rows were rejected (or, all-or-nothing, nothing
 * written); 2: usage, connection or server error.
 */
async function main(): Promise<number> {
  let a: Record<string, string>;
  try {
    a = args(process.argv.slice(2));
    for (const k of ['file', 'url', 'token']) if (!a[k]) throw new Error(`--${k} is required`);
    for (const k of Object.keys(a)) if (!['file', 'format', 'mode', 'url', 'token', 'purpose', 'out'].includes(k)) throw new Error(`unknown option --${k}`);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const format = a.format ?? (/\.csv$/i.test(a.file) ? 'csv' : 'jsonl');
  const mode = a.mode ?? 'per-row';
  if (!['csv', 'jsonl'].includes(format) || !['per-row', 'all-or-nothing'].includes(mode)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const file = createReadStream(a.file);
  const body: Readable =
    format === 'jsonl'
      ? file
      : file.pipe(parse({ columns: true, skip_empty_lines: true, bom: true, trim: false })).pipe(
          new Transform({
            writableObjectMode: true,
            transform(rec: Record<string, string>, _enc, cb) {
              cb(null, `${JSON.stringify(csvRow(rec))}\n`);
            },
          }),
        );
  file.once('error', (e) => body.destroy(e));
  const url = new URL(`/import?mode=${mode}`, a.url);
  const headers: Record<string, string> = { 'content-type': 'application/x-ndjson', authorization: `Bearer ${a.token.replace(/^Bearer\s+/i, '')}` };
  if (a.purpose) headers['x-schakel-purpose'] = a.purpose;
  const out: Writable = a.out ? createWriteStream(a.out) : process.stdout;

  return new Promise<number>((resolve) => {
    const fail = (msg: string) => {
      process.stderr.write(`import failed: ${msg}\n`);
      resolve(2);
    };
    // node:http, not fetch: the server answers row by row while the file is still being sent (full duplex).
    const req = (url.protocol === 'https:' ? https : http).request(url, { method: 'POST', headers }, (res) => {
      if (res.statusCode !== 200) {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d.slice(0, 4000))).on('end', () => fail(`HTTP ${res.statusCode} ${text.trim()}`));
        return;
      }
      let summary: Record<string, unknown> | null = null;
      let error: unknown = null;
      const results = new PassThrough();
      res
        .pipe(split2())
        .on('data', (line: string) => {
          if (!line) return;
          const obj = JSON.parse(line) as Record<string, unknown>;
          if ('summary' in obj || 'error' in obj) {
            summary = obj.summary as Record<string, unknown> | null;
            error = obj.error ?? null;
          }
          if (!results.write(`${line}\n`)) res.pause(), results.once('drain', () => res.resume());
        })
        .on('end', () => results.end())
        .on('error', (e: Error) => results.destroy(e));
      pipeline(results, out, { end: out !== process.stdout }).then(
        () => {
          if (error || !summary) return fail(error ? JSON.stringify(error) : 'the server sent no summary');
          const s = summary as { committed: boolean; created: number; updated: number; unchanged: number; rejected: number };
          process.stderr.write(
            `${s.committed ? 'committed' : 'NOT committed (all-or-nothing: a row was rejected)'}: ` +
              `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected} rejected\n`,
          );
          resolve(s.rejected > 0 || !s.committed ? 1 : 0);
        },
        (e: Error) => fail(e.message),
      );
    });
    req.once('error', (e) => fail(e.message));
    pipeline(body, req).catch((e: Error) => {
      req.destroy();
      fail(e.message);
    });
  });
}

void main().then((code) => {
  process.exitCode = code;
});
