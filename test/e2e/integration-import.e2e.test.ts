import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCliAsync } from '../helpers/cli';
import { startTestServer, type TestServer } from '../helpers/test-server';

const UPSERT_CASE = `mutation($input: UpsertCaseInput!) { upsertCase(input: $input) { outcome id version } }`;
const UPSERT_SUBJECT = `mutation($input: UpsertSubjectInput!) { upsertSubject(input: $input) { outcome id version } }`;
const UPSERT_ITEM = `mutation($input: UpsertInformationItemInput!) { upsertInformationItem(input: $input) { outcome id version } }`;
const IMPORT = `mutation($input: ImportInput!) { importRecords(input: $input) {
  mode committed created updated unchanged rejected rows { row outcome id version code reason field } } }`;

/** Rows of the tables upserts write to, and of the audit trail: "nothing written" means none of these move. */
async function counts(s: TestServer) {
  const [row] = await s.ds.query(`SELECT
    (SELECT count(*) FROM "case")::int AS cases, (SELECT count(*) FROM subject)::int AS subjects,
    (SELECT count(*) FROM case_subject)::int AS links, (SELECT count(*) FROM information_item)::int AS items,
    (SELECT count(*) FROM mutation_audit)::int AS audit`);
  return row as Record<string, number>;
}

/** POST /import with an NDJSON body; the streamed result lines. */
async function postImport(s: TestServer, login: string, body: string, mode = 'per-row') {
  const res = await fetch(`${s.url}/import?mode=${mode}`, {
    method: 'POST',
    headers: { authorization: await s.tokenFor(login), 'content-type': 'application/x-ndjson' },
    body,
  });
  const text = await res.text();
  return { status: res.status, lines: text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>) };
}

describe('integration: idempotent upserts and bulk import (issue 10)', () => {
  let s: TestServer;
  let zeistId: string;
  let dir: string;
  beforeAll(async () => {
    s = await startTestServer();
    zeistId = (await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`))[0].id;
    dir = mkdtempSync(path.join(tmpdir(), 'schakel-import-'));
  });
  afterAll(() => s.stop());

  const caseInput = (extra: Record<string, unknown> = {}) => ({
    sourceSystem: 'sz-suite', externalId: 'Z-1', collaborationId: zeistId, reference: 'ZST-IMP-001', title: 'Overlast', kind: 'INDIVIDUAL',
    lifeDomains: ['WONEN'], ...extra,
  });

  test('upsertCase: created, a replay changes nothing (no audit record), an update bumps the version, a stale version is CONFLICT', async () => {
    const sz = s.as('sociaalteam.zeist');
    const created = await sz.gql(UPSERT_CASE, { input: caseInput() });
    expect(created.errors).toBeUndefined();
    expect(created.data!.upsertCase).toMatchObject({ outcome: 'CREATED', version: 1 });
    const id = created.data!.upsertCase.id;

    const before = await counts(s);
    const replay = await sz.gql(UPSERT_CASE, { input: caseInput() });
    expect(replay.data!.upsertCase).toEqual({ outcome: 'UNCHANGED', id, version: 1 });
    expect(await counts(s)).toEqual(before);

    const updated = await sz.gql(UPSERT_CASE, { input: caseInput({ title: 'Overlast portiek', expectedVersion: 1 }) });
    expect(updated.data!.upsertCase).toEqual({ outcome: 'UPDATED', id, version: 2 });
    // Replaying the update (same expectedVersion) is UNCHANGED: the record already is as asked.
    const replayUpdate = await sz.gql(UPSERT_CASE, { input: caseInput({ title: 'Overlast portiek', expectedVersion: 1 }) });
    expect(replayUpdate.data!.upsertCase).toEqual({ outcome: 'UNCHANGED', id, version: 2 });

    const mid = await counts(s);
    const stale = await sz.gql(UPSERT_CASE, { input: caseInput({ title: 'Iets anders', expectedVersion: 1 }) });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(await counts(s)).toEqual(mid);

    const read = await sz.gql(`query($id: ID!) { case(id: $id) { title version sourceSystem externalId } }`, { id });
    expect(read.data!.case).toEqual({ title: 'Overlast portiek', version: 2, sourceSystem: 'sz-suite', externalId: 'Z-1' });
  });

  test('upsertSubject and upsertInformationItem by the case’s and subject’s keys; replays are UNCHANGED', async () => {
    const sz = s.as('sociaalteam.zeist');
    const subject = { sourceSystem: 'sz-suite', externalId: 'P-1', caseExternalId: 'Z-1', roleInCase: 'hoofdbewoner' };
    const s1 = await sz.gql(UPSERT_SUBJECT, { input: subject });
    expect(s1.errors).toBeUndefined();
    expect(s1.data!.upsertSubject).toMatchObject({ outcome: 'CREATED', version: 1 });
    expect((await sz.gql(UPSERT_SUBJECT, { input: subject })).data!.upsertSubject).toMatchObject({ outcome: 'UNCHANGED', version: 1 });
    const role = await sz.gql(UPSERT_SUBJECT, { input: { ...subject, roleInCase: 'partner' } });
    expect(role.data!.upsertSubject).toMatchObject({ outcome: 'UPDATED', version: 2 });

    const item = { sourceSystem: 'sz-suite', externalId: 'I-1', caseExternalId: 'Z-1', subjectExternalId: 'P-1', category: 'FINANCE', content: 'Schulden' };
    const i1 = await sz.gql(UPSERT_ITEM, { input: item });
    expect(i1.errors).toBeUndefined();
    expect(i1.data!.upsertInformationItem).toMatchObject({ outcome: 'CREATED', version: 1 });
    const before = await counts(s);
    expect((await sz.gql(UPSERT_ITEM, { input: item })).data!.upsertInformationItem).toMatchObject({ outcome: 'UNCHANGED', version: 1 });
    expect(await counts(s)).toEqual(before);
    const i2 = await sz.gql(UPSERT_ITEM, { input: { ...item, content: 'Schulden, budgetbeheer', expectedVersion: 1 } });
    expect(i2.data!.upsertInformationItem).toMatchObject({ outcome: 'UPDATED', version: 2 });
    const stale = await sz.gql(UPSERT_ITEM, { input: { ...item, content: 'x', expectedVersion: 1 } });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
  });

  test('[O6] another organisation cannot upsert into a case it does not take part in, nor take over a key', async () => {
    const before = await counts(s);
    const wc = s.as('woonconsulent.zeist');
    const subj = await wc.gql(UPSERT_SUBJECT, { input: { sourceSystem: 'woongoed', externalId: 'H-1', caseExternalId: 'Z-1', caseSourceSystem: 'sz-suite' } });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(subj.errors?.[0].extensions?.code);
    const caseId = (await s.ds.query(`SELECT id FROM "case" WHERE external_id = 'Z-1'`))[0].id;
    const byId = await wc.gql(UPSERT_SUBJECT, { input: { sourceSystem: 'woongoed', externalId: 'H-1', caseId } });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(byId.errors?.[0].extensions?.code);
    const takeover = await wc.gql(UPSERT_CASE, { input: caseInput({ reference: 'ZST-IMP-666' }) });
    expect(takeover.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'EXTERNAL_KEY_TAKEN' });
    expect(await counts(s)).toEqual(before);
  });

  test('importRecords PER_ROW: a bad row is rejected with its reason, the others are written', async () => {
    const records = [
      { kind: 'CASE', sourceSystem: 'sz-suite', externalId: 'Z-2', collaborationId: zeistId, reference: 'ZST-IMP-002', caseKind: 'INDIVIDUAL' },
      { kind: 'SUBJECT', sourceSystem: 'sz-suite', externalId: 'P-2', caseExternalId: 'Z-2' },
      { kind: 'INFORMATION_ITEM', sourceSystem: 'sz-suite', externalId: 'I-2', caseExternalId: 'Z-2', subjectExternalId: 'P-2', category: 'HOUSING', content: 'Huurachterstand' },
      { kind: 'INFORMATION_ITEM', sourceSystem: 'sz-suite', externalId: 'I-3', caseExternalId: 'Z-2', subjectExternalId: 'NOPE', category: 'HOUSING', content: 'x' },
      { kind: 'SUBJECT', sourceSystem: 'sz-suite', externalId: 'P-3' },
    ];
    const r = await s.as('sociaalteam.zeist').gql(IMPORT, { input: { mode: 'PER_ROW', records } });
    expect(r.errors).toBeUndefined();
    const rep = r.data!.importRecords;
    expect(rep).toMatchObject({ committed: true, created: 3, updated: 0, unchanged: 0, rejected: 2 });
    expect(rep.rows.map((x: any) => x.outcome)).toEqual(['CREATED', 'CREATED', 'CREATED', 'REJECTED', 'REJECTED']);
    expect(rep.rows[3]).toMatchObject({ row: 4, code: 'NOT_FOUND' });
    expect(rep.rows[4]).toMatchObject({ row: 5, code: 'BAD_USER_INPUT', field: 'caseId' });
    // Replaying the import changes nothing; one key twice in one request: created, then updated.
    const again = await s.as('sociaalteam.zeist').gql(IMPORT, { input: { mode: 'PER_ROW', records: records.slice(0, 3) } });
    expect(again.data!.importRecords).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    const twice = await s.as('sociaalteam.zeist').gql(IMPORT, {
      input: { mode: 'PER_ROW', records: [{ ...records[0], externalId: 'Z-9', reference: 'ZST-IMP-009' }, { ...records[0], externalId: 'Z-9', reference: 'ZST-IMP-009', title: 'Tweede' }] },
    });
    expect(twice.data!.importRecords.rows.map((x: any) => [x.outcome, x.version])).toEqual([['CREATED', 1], ['UPDATED', 2]]);
  });

  test('importRecords writes a batch’s new rows together; what only the database refuses (a taken reference or pseudonym) still rejects just that row', async () => {
    const sz = s.as('sociaalteam.zeist');
    const taken = (await s.ds.query(`SELECT reference FROM "case" WHERE collaboration_id = $1 AND source_system IS NULL LIMIT 1`, [zeistId]))[0].reference;
    const c = (n: number, reference: string) => ({ kind: 'CASE', sourceSystem: 'batch', externalId: `B-${n}`, collaborationId: zeistId, reference, caseKind: 'INDIVIDUAL' });
    const subj = (n: number, caseN: number, pseudonym: string) => ({ kind: 'SUBJECT', sourceSystem: 'batch', externalId: `BS-${n}`, caseExternalId: `B-${caseN}`, pseudonym });
    const item = (n: number, subjN: number, caseN: number) => ({
      kind: 'INFORMATION_ITEM', sourceSystem: 'batch', externalId: `BI-${n}`, caseExternalId: `B-${caseN}`, subjectExternalId: `BS-${subjN}`, category: 'FINANCE', content: `Schuld ${n}`,
    });
    const records = [
      c(1, 'ZST-BATCH-1'), subj(1, 1, 'P-BATCH-1'), item(1, 1, 1),
      c(2, taken), // taken by a demo case
      c(3, 'ZST-BATCH-1'), // taken by row 1, in the same batch
      subj(2, 1, 'P-BATCH-1'), // pseudonym taken by row 2, in the same batch
      subj(3, 1, 'P-BATCH-3'), item(2, 3, 1), item(3, 1, 1),
    ];
    const before = await counts(s);
    const r = await sz.gql(IMPORT, { input: { mode: 'PER_ROW', records } });
    expect(r.errors).toBeUndefined();
    const rep = r.data!.importRecords;
    expect(rep.rows.map((x: any) => [x.outcome, x.code ?? null, x.field ?? null])).toEqual([
      ['CREATED', null, null], ['CREATED', null, null], ['CREATED', null, null],
      ['REJECTED', 'CONFLICT', 'reference'], ['REJECTED', 'CONFLICT', 'reference'], ['REJECTED', 'CONFLICT', 'pseudonym'],
      ['CREATED', null, null], ['CREATED', null, null], ['CREATED', null, null],
    ]);
    const after = await counts(s);
    expect({ cases: after.cases - before.cases, subjects: after.subjects - before.subjects, links: after.links - before.links, items: after.items - before.items })
      .toEqual({ cases: 1, subjects: 2, links: 2, items: 3 });
    // Each id reported is the row's id in the database.
    const ids = rep.rows.filter((x: any) => x.outcome === 'CREATED').map((x: any) => x.id);
    const [{ n }] = await s.ds.query(`SELECT ((SELECT count(*) FROM "case" WHERE id = ANY($1)) + (SELECT count(*) FROM subject WHERE id = ANY($1))
      + (SELECT count(*) FROM information_item WHERE id = ANY($1)))::int AS n`, [ids]);
    expect(n).toBe(6);
    // A clean batch is written as a whole: the same rows without the refused ones, replayed, are all UNCHANGED.
    const clean = [0, 1, 2, 6, 7, 8].map((i) => records[i]);
    const replay = await sz.gql(IMPORT, { input: { mode: 'PER_ROW', records: clean } });
    expect(replay.data!.importRecords).toMatchObject({ created: 0, unchanged: 6, rejected: 0 });
  });

  test('[O9] importRecords ALL_OR_NOTHING: a rejected row (police data from a non-police member) rolls everything back; too many rows is BAD_USER_INPUT', async () => {
    const before = await counts(s);
    const records = [
      { kind: 'CASE', sourceSystem: 'sz-suite', externalId: 'Z-3', collaborationId: zeistId, reference: 'ZST-IMP-003', caseKind: 'INDIVIDUAL' },
      { kind: 'SUBJECT', sourceSystem: 'sz-suite', externalId: 'P-4', caseExternalId: 'Z-3' },
      // O9: police data only from police officers.
      { kind: 'INFORMATION_ITEM', sourceSystem: 'sz-suite', externalId: 'I-4', caseExternalId: 'Z-3', subjectExternalId: 'P-4', category: 'POLICE_INCIDENTS', content: 'x', legalGround: 'art. 20 Wpg' },
    ];
    const r = await s.as('sociaalteam.zeist').gql(IMPORT, { input: { mode: 'ALL_OR_NOTHING', records } });
    expect(r.data!.importRecords).toMatchObject({ committed: false, created: 2, rejected: 1 });
    expect(r.data!.importRecords.rows[2]).toMatchObject({ outcome: 'REJECTED', code: 'FORBIDDEN' });
    expect(await counts(s)).toEqual(before);

    const many = Array.from({ length: 1001 }, (_, i) => ({ kind: 'SUBJECT', sourceSystem: 'x', externalId: String(i), caseExternalId: 'Z-1' }));
    const tooMany = await s.as('sociaalteam.zeist').gql(IMPORT, { input: { mode: 'PER_ROW', records: many } });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records' });
  });

  test('POST /import streams NDJSON results per row and a summary; all-or-nothing writes nothing on a rejected row', async () => {
    const lines = [
      { kind: 'CASE', sourceSystem: 'sz-suite', externalId: 'Z-4', collaborationId: zeistId, reference: 'ZST-IMP-004', caseKind: 'COLLECTIVE', lifeDomains: ['WONEN'] },
      { kind: 'SUBJECT', sourceSystem: 'sz-suite', externalId: 'P-5', caseExternalId: 'Z-4', roleInCase: 'bewoner' },
      { kind: 'INFORMATION_ITEM', sourceSystem: 'sz-suite', externalId: 'I-5', caseExternalId: 'Z-4', subjectExternalId: 'P-5', category: 'FINANCE', content: 'Budgetbeheer', informationKind: 'OPINION' },
    ].map((l) => JSON.stringify(l));
    const ok = await postImport(s, 'sociaalteam.zeist', `${lines.join('\n')}\nnot json\n{"kind":"CASE","bogus":1}\n`);
    expect(ok.status).toBe(200);
    expect(ok.lines.slice(0, 5).map((l) => l.outcome)).toEqual(['CREATED', 'CREATED', 'CREATED', 'REJECTED', 'REJECTED']);
    expect(ok.lines[3]).toMatchObject({ row: 4, code: 'BAD_USER_INPUT' });
    expect(ok.lines[4]).toMatchObject({ row: 5, code: 'BAD_USER_INPUT', field: 'bogus' });
    expect(ok.lines[5].summary).toEqual({ mode: 'PER_ROW', committed: true, created: 3, updated: 0, unchanged: 0, rejected: 2 });

    const before = await counts(s);
    const replay = await postImport(s, 'sociaalteam.zeist', lines.join('\n'), 'all-or-nothing');
    expect(replay.lines.at(-1)!.summary).toMatchObject({ committed: true, unchanged: 3, created: 0 });
    const bad = await postImport(s, 'sociaalteam.zeist', `${lines[0].replace('Z-4', 'Z-5').replace('ZST-IMP-004', 'ZST-IMP-005')}\nnot json\n`, 'all-or-nothing');
    expect(bad.lines.at(-1)!.summary).toMatchObject({ committed: false, created: 1, rejected: 1 });
    expect(await counts(s)).toEqual(before);

    const noToken = await fetch(`${s.url}/import`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines[0] });
    expect(noToken.status).toBe(401);
    const wrongType = await fetch(`${s.url}/import`, { method: 'POST', headers: { authorization: await s.tokenFor('sociaalteam.zeist'), 'content-type': 'text/csv' }, body: 'a,b' });
    expect(wrongType.status).toBe(415);
  });

  test('the import CLI streams a CSV and a JSON-lines file, writes a result per row, exits 1 on rejected rows', async () => {
    const token = (await s.tokenFor('sociaalteam.zeist')).replace('Bearer ', '');
    const csv = path.join(dir, 'data.csv');
    writeFileSync(
      csv,
      [
        'kind,sourceSystem,externalId,collaborationId,reference,caseKind,lifeDomains,caseExternalId,roleInCase,subjectExternalId,category,content,viewableBeforeMeeting',
        `CASE,sz-csv,C-1,${zeistId},ZST-CSV-001,INDIVIDUAL,WONEN|FINANCIEN,,,,,,`,
        'SUBJECT,sz-csv,S-1,,,,,C-1,hoofdbewoner,,,,',
        'INFORMATION_ITEM,sz-csv,I-1,,,,,C-1,,S-1,FINANCE,"Schulden, ""veel""",false',
      ].join('\n'),
    );
    const out = path.join(dir, 'out.jsonl');
    const r1 = await runCliAsync('import', ['--file', csv, '--url', s.url, '--token', token, '--purpose', 'ENDING_NUISANCE', '--out', out]);
    expect(r1.stderr).toContain('3 created');
    expect(r1.status).toBe(0);
    const results = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(results.map((x) => x.outcome)).toEqual(['CREATED', 'CREATED', 'CREATED', undefined]);
    const item = await s.ds.query(`SELECT content, viewable_before_meeting FROM information_item WHERE external_id = 'I-1' AND source_system = 'sz-csv'`);
    expect(item[0]).toEqual({ content: 'Schulden, "veel"', viewable_before_meeting: false });

    const jsonl = path.join(dir, 'data.jsonl');
    writeFileSync(
      jsonl,
      [
        JSON.stringify({ kind: 'SUBJECT', sourceSystem: 'sz-csv', externalId: 'S-1', caseExternalId: 'C-1', roleInCase: 'hoofdbewoner' }),
        JSON.stringify({ kind: 'SUBJECT', sourceSystem: 'sz-csv', externalId: 'S-2', caseExternalId: 'C-404' }),
      ].join('\n'),
    );
    const r2 = await runCliAsync('import', ['--file', jsonl, '--url', s.url, '--token', token, '--mode', 'per-row']);
    expect(r2.status).toBe(1);
    const lines = r2.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ row: 1, outcome: 'UNCHANGED' });
    expect(lines[1]).toMatchObject({ row: 2, outcome: 'REJECTED', code: 'NOT_FOUND' });
    expect(lines[2].summary).toMatchObject({ unchanged: 1, rejected: 1 });
  });

  test('polling: cases, subjects and own information items by cursor pages and updatedSince', async () => {
    const sz = s.as('sociaalteam.zeist');
    const since = (await s.ds.query(`SELECT now() AS t`))[0].t.toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const mk = (n: number) => ({ kind: 'CASE', sourceSystem: 'poll', externalId: `K-${n}`, collaborationId: zeistId, reference: `ZST-POLL-${n}`, caseKind: 'INDIVIDUAL' });
    const imp = await sz.gql(IMPORT, {
      input: {
        mode: 'PER_ROW',
        records: [mk(1), mk(2), mk(3),
          { kind: 'SUBJECT', sourceSystem: 'poll', externalId: 'Q-1', caseExternalId: 'K-1' },
          { kind: 'INFORMATION_ITEM', sourceSystem: 'poll', externalId: 'J-1', caseExternalId: 'K-1', subjectExternalId: 'Q-1', category: 'HOUSING', content: 'Overlast' }],
      },
    });
    expect(imp.data!.importRecords.created).toBe(5);
    const CASES = `query($after: String, $since: DateTimeISO) { cases(first: 2, after: $after, updatedSince: $since) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { reference version } } } }`;
    const p1 = await sz.gql(CASES, { since });
    expect(p1.errors).toBeUndefined();
    expect(p1.data!.cases.totalCount).toBe(3);
    expect(p1.data!.cases.pageInfo.hasNextPage).toBe(true);
    const p2 = await sz.gql(CASES, { since, after: p1.data!.cases.pageInfo.endCursor });
    const refs = [...p1.data!.cases.edges, ...p2.data!.cases.edges].map((e: any) => e.node.reference).sort();
    expect(refs).toEqual(['ZST-POLL-1', 'ZST-POLL-2', 'ZST-POLL-3']);
    expect(p2.data!.cases.pageInfo.hasNextPage).toBe(false);

    // An update shows up for a poll since a later moment; an unchanged replay does not.
    const later = (await s.ds.query(`SELECT now() AS t`))[0].t.toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await sz.gql(IMPORT, { input: { mode: 'PER_ROW', records: [{ ...mk(1), title: 'Gewijzigd' }, mk(2)] } });
    const p3 = await sz.gql(CASES, { since: later });
    expect(p3.data!.cases.edges.map((e: any) => e.node)).toEqual([{ reference: 'ZST-POLL-1', version: 2 }]);

    const subjects = await sz.gql(`query($since: DateTimeISO) { subjects(first: 10, updatedSince: $since) { totalCount edges { node { pseudonym version } } } }`, { since });
    expect(subjects.errors).toBeUndefined();
    expect(subjects.data!.subjects.totalCount).toBe(1);
    const items = await sz.gql(`query($since: DateTimeISO) { informationItems(first: 1, updatedSince: $since) { totalCount pageInfo { hasNextPage } edges { node { content version provider { name } } } } }`, { since });
    expect(items.errors).toBeUndefined();
    expect(items.data!.informationItems).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false }, edges: [{ node: { content: 'Overlast', version: 1 } }] });
    // Another organisation's list holds none of these.
    const other = await s.as('woonconsulent.zeist').gql(`query($since: DateTimeISO) { informationItems(updatedSince: $since) { totalCount } subjects(updatedSince: $since) { totalCount } }`, { since });
    expect(other.data).toEqual({ informationItems: { totalCount: 0 }, subjects: { totalCount: 0 } });
  });

  test('an external key is its creator’s: a partner in the case cannot rewrite the case or subject through it (EXTERNAL_KEY_TAKEN), by mutation or import', async () => {
    const sz = s.as('sociaalteam.zeist');
    const wc = s.as('woonconsulent.zeist');
    const own = caseInput({ externalId: 'Z-OWN', reference: 'ZST-IMP-OWN' });
    const created = await sz.gql(UPSERT_CASE, { input: own });
    expect(created.data!.upsertCase).toMatchObject({ outcome: 'CREATED' });
    const caseId = created.data!.upsertCase.id;
    const subject = { sourceSystem: 'sz-suite', externalId: 'P-OWN', caseExternalId: 'Z-OWN', pseudonym: 'SZ-PSEUDO-OWN' };
    expect((await sz.gql(UPSERT_SUBJECT, { input: subject })).data!.upsertSubject).toMatchObject({ outcome: 'CREATED' });
    const [{ organisation_id: woongoed }] = await s.ds.query(`SELECT organisation_id FROM member WHERE login = 'woonconsulent.zeist'`);
    const invite = await sz.gql(`mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { role } }`,
      { input: { caseId, organisationId: woongoed, role: 'PARTNER' } });
    expect(invite.errors).toBeUndefined();

    const before = await counts(s);
    const rows = async () => [
      await s.ds.query(`SELECT reference, title, kind, version FROM "case" WHERE id = $1`, [caseId]),
      await s.ds.query(`SELECT pseudonym, version FROM subject WHERE external_id = 'P-OWN'`),
    ];
    const was = await rows();
    const rewriteCase = await wc.gql(UPSERT_CASE, { input: { ...own, reference: 'WG-REF', title: 'Overgenomen', kind: 'COLLECTIVE' } });
    expect(rewriteCase.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'EXTERNAL_KEY_TAKEN' });
    const rewriteSubject = await wc.gql(UPSERT_SUBJECT, { input: { ...subject, pseudonym: 'WG-RENAMED' } });
    expect(rewriteSubject.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'EXTERNAL_KEY_TAKEN' });
    // Not even a replay of what is there: the key is not the caller's.
    expect((await wc.gql(UPSERT_SUBJECT, { input: subject })).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'EXTERNAL_KEY_TAKEN' });
    const imp = await wc.gql(IMPORT, {
      input: {
        mode: 'PER_ROW',
        records: [
          { kind: 'CASE', sourceSystem: 'sz-suite', externalId: 'Z-OWN', collaborationId: zeistId, reference: 'WG-REF', caseKind: 'COLLECTIVE' },
          { kind: 'SUBJECT', sourceSystem: 'sz-suite', externalId: 'P-OWN', caseExternalId: 'Z-OWN', pseudonym: 'WG-RENAMED' },
        ],
      },
    });
    expect(imp.data!.importRecords.rows.map((r: any) => [r.outcome, r.code])).toEqual([['REJECTED', 'FORBIDDEN'], ['REJECTED', 'FORBIDDEN']]);
    expect(await rows()).toEqual(was);
    expect(await counts(s)).toEqual(before);

    // The partner still refers to them by those keys for its own records; the creator still updates them.
    const item = await wc.gql(UPSERT_ITEM, {
      input: { sourceSystem: 'woongoed', externalId: 'WI-OWN', caseExternalId: 'Z-OWN', caseSourceSystem: 'sz-suite', subjectExternalId: 'P-OWN', subjectSourceSystem: 'sz-suite', category: 'HOUSING', content: 'Huurachterstand' },
    });
    expect(item.errors).toBeUndefined();
    expect(item.data!.upsertInformationItem).toMatchObject({ outcome: 'CREATED' });
    expect((await sz.gql(UPSERT_CASE, { input: { ...own, title: 'Overlast, bijgewerkt' } })).data!.upsertCase).toMatchObject({ outcome: 'UPDATED' });
    expect((await sz.gql(UPSERT_SUBJECT, { input: { ...subject, pseudonym: 'SZ-PSEUDO-OWN-2' } })).data!.upsertSubject).toMatchObject({ outcome: 'UPDATED' });
  });

  test('POST /import: a string with a NUL character or an unpaired surrogate is BAD_USER_INPUT naming its field, and that row is not written', async () => {
    const before = await counts(s);
    const rows = [
      { kind: 'CASE', sourceSystem: 'sz-suite', externalId: 'Z-NUL', collaborationId: zeistId, reference: 'ZST-IMP-NUL', title: 'Over\u0000last', caseKind: 'INDIVIDUAL' },
      { kind: 'CASE', sourceSystem: 'sz-suite', externalId: 'Z-SUR', collaborationId: zeistId, reference: 'ZST-IMP-SUR', title: 'Over\ud800last', caseKind: 'INDIVIDUAL' },
      { kind: 'CASE', sourceSystem: 'sz-suite', externalId: 'Z-LD', collaborationId: zeistId, reference: 'ZST-IMP-LD', caseKind: 'INDIVIDUAL', lifeDomains: ['WONEN', '\udc00'] },
      { kind: 'SUBJECT', sourceSystem: 'sz-suite', externalId: 'P-SUR', caseExternalId: 'Z-1', pseudonym: 'P-\udfff-1' },
      { kind: 'CASE', sourceSystem: 'sz-suite', externalId: 'Z-CLEAN', collaborationId: zeistId, reference: 'ZST-IMP-CLEAN', title: 'Overlast 🏠', caseKind: 'INDIVIDUAL' },
    ];
    // JSON.stringify writes a lone surrogate as a \ud800 escape, which JSON.parse turns back into one.
    const r = await postImport(s, 'sociaalteam.zeist', rows.map((l) => JSON.stringify(l)).join('\n'));
    expect(r.status).toBe(200);
    expect(r.lines.slice(0, 5).map((l) => [l.outcome, l.code ?? null, l.field ?? null])).toEqual([
      ['REJECTED', 'BAD_USER_INPUT', 'title'], ['REJECTED', 'BAD_USER_INPUT', 'title'], ['REJECTED', 'BAD_USER_INPUT', 'lifeDomains'],
      ['REJECTED', 'BAD_USER_INPUT', 'pseudonym'], ['CREATED', null, null],
    ]);
    expect(r.lines[5].summary).toMatchObject({ committed: true, created: 1, rejected: 4 });
    const after = await counts(s);
    expect(after.cases - before.cases).toBe(1);
    expect(after.subjects).toBe(before.subjects);
    expect(await s.ds.query(`SELECT title FROM "case" WHERE source_system = 'sz-suite' AND external_id IN ('Z-NUL', 'Z-SUR', 'Z-LD', 'Z-CLEAN')`)).toEqual([{ title: 'Overlast 🏠' }]);
  });

  test('POST /import: a line over the limit ends the import with QUERY_LIMIT_EXCEEDED (limit: line), not an internal error; nothing is written', async () => {
    const before = await counts(s);
    const ok = JSON.stringify({ kind: 'CASE', sourceSystem: 'sz-suite', externalId: 'Z-LONG-1', collaborationId: zeistId, reference: 'ZST-IMP-LONG-1', caseKind: 'INDIVIDUAL' });
    // Just over the limit (it may arrive in one piece with its line end) and far over it (it cannot).
    for (const size of [257 * 1024, 2 * 1024 * 1024]) {
      const long = JSON.stringify({ kind: 'CASE', sourceSystem: 'sz-suite', externalId: 'Z-LONG-2', collaborationId: zeistId, reference: 'ZST-IMP-LONG-2', caseKind: 'INDIVIDUAL', title: 'x'.repeat(size) });
      const r = await postImport(s, 'sociaalteam.zeist', `${ok}\n${long}\n`);
      expect(r.status).toBe(200);
      expect(r.lines.at(-1)).toEqual({ error: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'line', message: expect.any(String) }, summary: null });
      expect(await counts(s)).toEqual(before);
    }
  });
});
