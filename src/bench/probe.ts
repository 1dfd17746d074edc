/**
 * `npm run bench:probe`: the case list's cost for one client, without load: the server's CPU and peak RSS per
 * request, to compare settings (e.g. `node --max-old-space-size`, see SCHAKEL_HEAP_MB) or code changes quickly.
 * Opens the bench database of `npm run bench:data` (like `npm run bench`), starts the app in this process, sends
 * warm-up requests, then N sequential case-list requests (50 cases, woonconsulent.zeist, ENDING_NUISANCE), and
 * prints wall and CPU milliseconds per request (process.cpuUsage: the server's work and the client's reading of
 * each answer) and this process's peak RSS. `--profile file` writes a V8 CPU profile of the measured requests.
 * `--policy on,off` compares: one app per variant in this process, their requests taking turns (ABBA), so that the
 * drift of a shared machine hits both alike; prints mean and median per variant and the ratio of the means.
 * Then the page's information items alone, N times: as a request of the persona reads them (its own session and access
 * decisions, only the categories the policy may show in each case), and every item of the page's cases to compare.
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openBenchInProcess, runMain } from './scaffold.js';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '80' },
    warmup: { type: 'string', default: '30' },
    policy: { type: 'string', default: 'on' },
    profile: { type: 'string' },
  },
  strict: true,
});

async function main(): Promise<void> {
  const n = Number(args.requests);
  const warmup = Number(args.warmup);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(warmup) || warmup < 0) throw new Error('--requests ≥ 1 and --warmup ≥ 0, whole numbers');
  const variants = args.policy!.split(',').map((v) => v.trim());
  if (!variants.length || variants.some((v) => v !== 'on' && v !== 'off') || new Set(variants).size !== variants.length) {
    throw new Error('--policy on, off, or on,off (compare)');
  }
  const root = path.resolve(__dirname, '..', '..', '..');
  const { ds, close } = await openBenchInProcess(root, 'probe');
  const { startApp } = await import('../server/app.js');
  const { signDevToken } = await import('../auth/issuers.js');
  const { caseListQuery } = await import('./scenarios.js');
  const apps = new Map<string, Awaited<ReturnType<typeof startApp>>>();
  try {
    for (const v of variants) apps.set(v, await startApp(ds, { port: 0, fieldPolicy: v === 'on', limits: { perMemberPerMinute: 0, perClientPerMinute: 0 }, webhooks: { pollMs: 0 } }));
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await signDevToken('woonconsulent.zeist')}`, 'x-schakel-purpose': 'ENDING_NUISANCE' };
    const body = JSON.stringify({ query: caseListQuery(50) });
    const one = async (v = variants[0]) => (await fetch(`${apps.get(v)!.url}/graphql`, { method: 'POST', headers, body })).text();
    for (let i = 0; i < warmup; i++) for (const v of variants) await one(v);
    const session = new inspector.Session();
    const post = (method: string, params: object = {}) =>
      new Promise<unknown>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
    if (args.profile) {
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.start');
    }
    // Per variant: wall and CPU ms of each request (process.cpuUsage around it: the app and the client in this process).
    const measured = new Map(variants.map((v) => [v, { wall: [] as number[], cpu: [] as number[], size: 0 }]));
    let last = '';
    for (let i = 0; i < n; i++) {
      for (const v of i % 2 ? [...variants].reverse() : variants) {
        const m = measured.get(v)!;
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        last = await one(v);
        const cpu = process.cpuUsage(cpu0);
        m.wall.push(performance.now() - t0);
        m.cpu.push((cpu.user + cpu.system) / 1000);
        m.size = last.length;
      }
    }
    if (args.profile) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      fs.writeFileSync(args.profile, JSON.stringify(profile));
      session.disconnect();
    }
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    for (const [v, m] of measured) {
      process.stdout.write(
        `case list (50), policy ${v}, ${n} sequential requests after ${warmup}${variants.length > 1 ? `, taking turns with ${variants.filter((x) => x !== v).join(', ')}` : ''}: ` +
          `wall ${mean(m.wall).toFixed(1)} ms (median ${median(m.wall).toFixed(1)}), CPU ${mean(m.cpu).toFixed(1)} ms (median ${median(m.cpu).toFixed(1)}) per request; ` +
          `answer ${m.size} characters\n`,
      );
    }
    if (variants.length === 2) {
      const [a, b] = variants.map((v) => measured.get(v)!);
      process.stdout.write(`policy ${variants[0]} / policy ${variants[1]}: wall ${(mean(a.wall) / mean(b.wall)).toFixed(3)}, CPU ${(mean(a.cpu) / mean(b.cpu)).toFixed(3)} (means)\n`);
    }
    process.stdout.write(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (${process.execArgv.join(' ') || 'no V8 flags'})\n`);
    // The items of the page's cases, read as a request reads them: a fresh context (loaders, access decisions) each
    // time, on the persona's own row-level-security session, only the categories the policy may show in each case
    // (RequestAccess.categoriesToRead, what a subject's information reads with the field policy on or off); and, to
    // compare, every item of the page's cases (itemsByCase).
    const { createContext } = await import('../server/context.js');
    const { principalByLogin } = await import('../auth/authenticate.js');
    const { loadPolicies } = await import('../policy/policy-store.js');
    const principal = await principalByLogin(ds, 'woonconsulent.zeist');
    if (!principal) throw new Error('bench:probe: no member woonconsulent.zeist');
    const policies = await loadPolicies(ds);
    const caseIds = (JSON.parse(last) as { data: { cases: { edges: { node: { id: string } }[] } } }).data.cases.edges.map((e) => e.node.id);
    for (const reader of ['categories', 'every'] as const) {
      const readItems = async () => {
        const ctx = await createContext(ds, principal, policies, { purpose: 'ENDING_NUISANCE' });
        try {
          const pages = await Promise.all(
            caseIds.map(async (caseId) =>
              reader === 'categories' ? ctx.loaders.itemsInCategories.load({ caseId, categories: [...(await ctx.access.categoriesToRead(caseId))].sort() }) : ctx.loaders.itemsByCase.load(caseId),
            ),
          );
          return pages.flat().length;
        } finally {
          await ctx.release();
        }
      };
      for (let i = 0; i < warmup; i++) await readItems();
      const itemsCpu0 = process.cpuUsage();
      const itemsT0 = performance.now();
      let rows = 0;
      for (let i = 0; i < n; i++) rows = await readItems();
      const itemsCpu = process.cpuUsage(itemsCpu0);
      process.stdout.write(
        `the page's information items alone (${reader === 'categories' ? 'itemsInCategories: the categories the policy may show, as requests read them' : 'itemsByCase: every item'}, ` +
          `${caseIds.length} cases, ${rows} items, with the session and access decisions), ${n} times: ` +
          `wall ${((performance.now() - itemsT0) / n).toFixed(1)} ms, CPU ${((itemsCpu.user + itemsCpu.system) / 1000 / n).toFixed(1)} ms per page\n`,
      );
    }
  } finally {
    for (const app of apps.values()) await app.stop();
    await close();
  }
}

runMain(main);
