/**
 * Every disclosure of personal data is logged before it is sent, per data subject, tamper-evident and
 * answerable for the privacy officer (O12, O34, O40).
 */
import { describeReport, purgeLogs, verifyLogs } from '../../src/audit/verify';
import { runCli } from '../helpers/cli';
import { startTestServer, type TestServer } from '../helpers/test-server';

const INCIDENTS = `query($id: ID!) { case(id: $id) { subjects { pseudonym information { policeIncidents { content } } } } }`;
const FINANCE = `query($id: ID!) { case(id: $id) { subjects { pseudonym information { finance { content } } } } }`;
const DISCLOSURES = `query($f: DisclosureFilter, $first: Int) { disclosures(filter: $f, first: $first) {
  totalCount nodes { seq traceId spanId parentSpanId name status startTime endTime processingActivityId dataSubjectId dataSubjectIdType
    subjectId caseReference recipientOrganisationName recipientMemberLogin purpose categoriesDisclosed fieldsDisclosed itemIds
    categoriesDenied fieldsDenied denialReasons legalGround art20DecisionIds policyVersion }
  pageInfo { hasNextPage endCursor } } }`;

describe('disclosure log', () => {
  let s: TestServer;
  let zst1: string;
  const sql = (q: string, p: unknown[] = []) => s.ds.query(q, p);
  const logRows = () => sql(`SELECT * FROM disclosure_log ORDER BY seq`);

  beforeAll(async () => {
    s = await startTestServer();
    [{ id: zst1 }] = await sql(`SELECT id FROM "case" WHERE reference = 'ZST-2026-001'`);
  });
  afterAll(() => s.stop());

  test('[O12] retention: purging removes only records older than the retention, and the chain stays verifiable', async () => {
    // Two records from long ago (written first, as they would have been), then a disclosure today.
    const [subject] = await sql(`SELECT s.id, s.pseudonym FROM subject s WHERE s.pseudonym = 'ZST-P-0001'`);
    const [ctx] = await sql(`SELECT c.collaboration_id, m.id AS member_id, m.organisation_id FROM "case" c, member m
      WHERE c.id = $1 AND m.login = 'woonconsulent.zeist'`, [zst1]);
    for (const years of [7, 6]) {
      await sql(`INSERT INTO disclosure_log (seq, prev_hash, hash, trace_id, span_id, name, status, start_time, end_time,
        processing_activity_id, data_subject_id, data_subject_id_type, subject_id, case_id, collaboration_id,
        recipient_organisation_id, recipient_member_id, categories_disclosed, fields_disclosed, item_ids, categories_denied,
        fields_denied, denial_reasons, art20_decision_ids)
        VALUES (0, '', '', repeat('a', 32), repeat('b', 16), 'disclose old', 'OK', now() - make_interval(years => $1),
        now() - make_interval(years => $1), 'zeist:ENDING_NUISANCE', $2, 'schakel:pseudonym', $3, $4, $5, $6, $7,
        '{housing}', '{SubjectInformation.housing}', '{}', '{}', '{}', '{}', '{}')`,
        [years, subject.pseudonym, subject.id, zst1, ctx.collaboration_id, ctx.organisation_id, ctx.member_id]);
    }
    await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(INCIDENTS, { id: zst1 });
    expect(await logRows()).toHaveLength(3);
    expect(await purgeLogs(s.ds, '8 years')).toBe(0);
    expect(await purgeLogs(s.ds, '5 years')).toBeGreaterThanOrEqual(2);
    const left = await logRows();
    expect(left).toHaveLength(1);
    expect(left[0].name).not.toBe('disclose old');
    expect((await verifyLogs(s.ds)).map((r) => r.broken)).toEqual([null, null]);
  });

  test('[O12] reading a subject’s police incidents writes exactly one record naming decision, purpose, categories and recipient', async () => {
    const before = (await logRows()).length;
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await s.post(
      { query: INCIDENTS, variables: { id: zst1 } },
      { authorization: await s.tokenFor('woonconsulent.zeist'), 'x-schakel-purpose': 'ENDING_NUISANCE', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    );
    expect(res.data!.case.subjects.find((x: any) => x.pseudonym === 'ZST-P-0001').information.policeIncidents).toHaveLength(1);
    const rows = (await logRows()).slice(before);
    expect(rows).toHaveLength(1); // ZST-P-0002 has no incidents: nothing of it was disclosed
    const [r] = rows;
    const [decision] = await sql(`SELECT d.id FROM art20_decision d JOIN agreement a ON a.id = d.agreement_id
      JOIN collaboration c ON c.id = a.collaboration_id WHERE c.slug = 'zeist'`);
    const [woongoed] = await sql(`SELECT organisation_id FROM member WHERE login = 'woonconsulent.zeist'`);
    expect(r).toMatchObject({
      data_subject_id: 'ZST-P-0001',
      case_id: zst1,
      recipient_organisation_id: woongoed.organisation_id,
      purpose: 'ENDING_NUISANCE',
      categories_disclosed: ['police.incidents'],
      fields_disclosed: ['SubjectInformation.policeIncidents'],
      art20_decision_ids: [decision.id],
      policy_version: 'zeist@1.0.0',
      processing_activity_id: 'zeist:ENDING_NUISANCE',
      trace_id: traceId,
      parent_span_id: res.raw.headers.get('traceparent')!.split('-')[2],
      status: 'OK',
    });
    expect(r.legal_ground).toContain('§4.1 d');
    expect(r.item_ids).toHaveLength(1);
    expect(r.categories_denied).toEqual([]);
  });

  test('[O12] a query that discloses nothing personal writes no record', async () => {
    const before = (await logRows()).length;
    const res = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(`{ cases(first: 10) { edges { node { reference subjects { pseudonym } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(await logRows()).toHaveLength(before);
  });

  test('[O12] a denied field is logged as denied, not as disclosed', async () => {
    const before = (await logRows()).length;
    const res = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(FINANCE, { id: zst1 });
    expect(res.errors?.[0].extensions?.reason).toBe('NO_GRANT');
    const rows = (await logRows()).slice(before);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.categories_disclosed).toEqual([]);
      expect(r.categories_denied).toEqual(['finance']);
      expect(r.denial_reasons).toEqual(['finance:NO_GRANT']);
    }
  });

  test('[O12] fail closed: when the log cannot be written, the response carries an error and no personal data', async () => {
    await sql(`ALTER TABLE disclosure_log ADD CONSTRAINT test_log_down CHECK (false) NOT VALID`);
    try {
      const res = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(INCIDENTS, { id: zst1 });
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['DISCLOSURE_LOG_UNAVAILABLE']);
      expect(JSON.stringify(res)).not.toContain('geluidsoverlast');
    } finally {
      await sql(`ALTER TABLE disclosure_log DROP CONSTRAINT test_log_down`);
    }
  });

  test('[O12] the log is append-only: the application cannot change or remove a record', async () => {
    const [r] = await logRows();
    await expect(sql(`UPDATE disclosure_log SET purpose = 'X' WHERE id = $1`, [r.id])).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM disclosure_log WHERE id = $1`, [r.id])).rejects.toThrow(/append-only/);
    await expect(sql(`TRUNCATE disclosure_log`)).rejects.toThrow(/append-only/);
    await expect(sql(`UPDATE mutation_audit SET operation = 'X'`)).rejects.toThrow(/append-only/);
    expect((await verifyLogs(s.ds)).map((x) => x.broken)).toEqual([null, null]);
  });

  test('[O12] concurrent responses on several subjects each write their records in one statement; the chain stays whole', async () => {
    const LIST = `{ cases(first: 10) { edges { node { subjects { pseudonym information { housing { content } policeIncidents { content } } } } } } }`;
    const before = (await logRows()).length;
    const client = s.as('woonconsulent.zeist', 'ENDING_NUISANCE');
    const responses = await Promise.all(Array.from({ length: 6 }, () => client.gql(LIST)));
    for (const r of responses) expect(r.status).toBe(200);
    const rows = await logRows();
    const added = rows.slice(before);
    expect(added.length % 6).toBe(0);
    expect(added.length / 6).toBeGreaterThan(1); // more than one subject per response
    // Every response's records are consecutive (one statement holds the chain head for all its rows).
    const byTrace = new Map<string, number[]>();
    for (const r of added) byTrace.set(r.trace_id, [...(byTrace.get(r.trace_id) ?? []), Number(r.seq)]);
    expect(byTrace.size).toBe(6);
    for (const seqs of byTrace.values()) expect(seqs.at(-1)! - seqs[0]).toBe(seqs.length - 1);
    rows.forEach((r: any, i: number) => i && expect(Number(r.seq)).toBe(Number(rows[i - 1].seq) + 1));
    const [head] = await sql(`SELECT seq::int AS seq, hash FROM log_chain WHERE name = 'disclosure_log'`);
    expect(head).toEqual({ seq: Number(rows.at(-1).seq), hash: rows.at(-1).hash });
    expect((await verifyLogs(s.ds)).map((x) => x.broken)).toEqual([null, null]);
  });

  test('[O12] log records get time-ordered ids (PostgreSQL 18+), so a growing log appends to its primary key', async () => {
    const [{ v7 }] = await sql(`SELECT to_regprocedure('uuidv7()') IS NOT NULL AS v7`);
    const before = (await logRows()).length;
    const r = await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(`{ cases(first: 10) { edges { node { subjects { information { housing { content } } } } } } }`);
    expect(r.status).toBe(200);
    const added: { id: string; seq: string }[] = (await logRows()).slice(before);
    expect(added.length).toBeGreaterThan(1);
    // On an older server (DATABASE_URL) the migration leaves the random ids; the embedded cluster is 18.
    const version = (id: string) => id[14];
    expect(added.every((x) => version(x.id) === (v7 ? '7' : '4'))).toBe(true);
    if (v7) expect(added.map((x) => x.id)).toEqual([...added.map((x) => x.id)].sort());
  });

  test('[O12] a record altered behind the application’s back makes the chain check fail and name it', async () => {
    const rows = await logRows();
    const victim = rows[Math.floor(rows.length / 2)];
    // As the owner, with the triggers switched off: what only someone bypassing the application could do.
    await sql(`ALTER TABLE disclosure_log DISABLE TRIGGER USER`);
    try {
      await sql(`UPDATE disclosure_log SET recipient_member_id = recipient_member_id, purpose = 'LIVEABILITY' WHERE id = $1`, [victim.id]);
    } finally {
      await sql(`ALTER TABLE disclosure_log ENABLE TRIGGER USER`);
    }
    const [report] = await verifyLogs(s.ds);
    expect(report.broken).toMatchObject({ seq: String(victim.seq), id: victim.id });
    expect(describeReport(report)).toContain(`BROKEN at record ${victim.seq}`);
    // Put it back: the chain holds again.
    await sql(`ALTER TABLE disclosure_log DISABLE TRIGGER USER`);
    await sql(`UPDATE disclosure_log SET purpose = $2 WHERE id = $1`, [victim.id, victim.purpose]);
    await sql(`ALTER TABLE disclosure_log ENABLE TRIGGER USER`);
    expect((await verifyLogs(s.ds))[0].broken).toBeNull();
  });

  test('[O34] the privacy officer sees who received what about a subject, when and why; as CSV too; others may not', async () => {
    const [subject] = await sql(`SELECT id FROM subject WHERE pseudonym = 'ZST-P-0001'`);
    const po = s.as('privacy.zeist');
    const res = await po.gql(DISCLOSURES, { f: { subjectId: subject.id }, first: 50 });
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.disclosures.nodes;
    expect(res.data!.disclosures.totalCount).toBe(nodes.length);
    const incidents = nodes.find((n: any) => n.categoriesDisclosed.includes('police.incidents'));
    expect(incidents).toMatchObject({
      dataSubjectId: 'ZST-P-0001',
      caseReference: 'ZST-2026-001',
      recipientOrganisationName: 'Woongoed Zeist',
      recipientMemberLogin: 'woonconsulent.zeist',
      purpose: 'ENDING_NUISANCE',
      policyVersion: 'zeist@1.0.0',
    });
    expect(incidents.art20DecisionIds).toHaveLength(1);
    const csv = (await po.gql(`query($f: DisclosureFilter) { disclosuresCsv(filter: $f) }`, { f: { dataSubjectId: 'ZST-P-0001' } }))
      .data!.disclosuresCsv as string;
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^seq,startTime,endTime,traceId/);
    expect(lines.length).toBe(nodes.length + 1);
    expect(csv).toContain('woonconsulent.zeist');
    for (const login of ['woonconsulent.zeist', 'wijkagent.zeist']) {
      const denied = await s.as(login).gql(DISCLOSURES, { f: { subjectId: subject.id } });
      expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(denied.data?.disclosures ?? null).toBeNull();
    }
    // A privacy officer of another collaboration sees none of Zeist's records (none exist for its org).
    const [other] = await sql(`SELECT id FROM member WHERE login = 'consulent.walcheren'`);
    await sql(`UPDATE member SET roles = array_append(roles, 'PRIVACY_OFFICER') WHERE id = $1`, [other.id]);
    const foreign = await s.as('consulent.walcheren').gql(DISCLOSURES, { f: { subjectId: subject.id } });
    expect(foreign.data!.disclosures.totalCount).toBe(0);
  });

  test('[O12] [O38] every mutation is in the audit trail: who, when, what, before and after — without the personal data itself', async () => {
    const [col] = await sql(`SELECT id FROM collaboration WHERE slug = 'zeist'`);
    const reg = await s.as('sociaalteam.zeist').gql(
      `mutation($col: ID!) { registerCase(input: { collaborationId: $col, reference: "ZST-2026-090", title: "Audit test", kind: INDIVIDUAL, lifeDomains: [WONEN] }) { id } }`,
      { col: col.id },
    );
    expect(reg.errors).toBeUndefined();
    const id = reg.data!.registerCase.id;
    const trail = await s.as('privacy.zeist').gql(
      `query($row: String) { auditTrail(filter: { tableName: "case", rowId: $row }) { nodes { actorMemberLogin actorOrganisationName operation action before after at } } }`,
      { row: id },
    );
    expect(trail.errors).toBeUndefined();
    const [rec] = trail.data!.auditTrail.nodes;
    expect(rec).toMatchObject({ actorMemberLogin: 'sociaalteam.zeist', operation: 'registerCase', action: 'INSERT', before: null });
    expect(rec.after).toMatchObject({ reference: 'ZST-2026-090' });
    // The trail names what changed, not the personal data: an item's text is kept as its hash only (O38).
    const [subj] = await sql(`SELECT subject_id FROM case_subject WHERE case_id = $1 LIMIT 1`, [zst1]);
    const secret = 'Schuldhulpverlening gestart op 3 november (audit-test)';
    const added = await s.as('sociaalteam.zeist').gql(
      `mutation($input: AddInformationItemInput!) { addInformationItem(input: $input) { id } }`,
      { input: { caseId: zst1, subjectId: subj.subject_id, category: 'FINANCE', content: secret, kind: 'FACT', legalGround: 'Wmo 2015' } },
    );
    expect(added.errors).toBeUndefined();
    const [itemAudit] = await sql(`SELECT after FROM mutation_audit WHERE table_name = 'information_item' AND row_id = $1`, [added.data!.addInformationItem.id]);
    expect(itemAudit.after.content).toBeUndefined();
    expect(itemAudit.after.content_sha256).toBe(require('node:crypto').createHash('sha256').update(secret).digest('hex'));
    expect((await sql(`SELECT count(*)::int AS n FROM mutation_audit WHERE before::text LIKE $1 OR after::text LIKE $1`, [`%${secret}%`]))[0].n).toBe(0);
    // A rejected mutation leaves no trace (nothing was written).
    const n = (await sql(`SELECT count(*)::int AS n FROM mutation_audit`))[0].n;
    const bad = await s.as('sociaalteam.zeist').gql(
      `mutation($col: ID!) { registerCase(input: { collaborationId: $col, reference: "ZST-2026-090", title: "again", kind: INDIVIDUAL, lifeDomains: [WONEN] }) { id } }`,
      { col: col.id },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await sql(`SELECT count(*)::int AS n FROM mutation_audit`))[0].n).toBe(n);
    expect((await verifyLogs(s.ds)).map((x) => x.broken)).toEqual([null, null]);
  });
  test('[O12] [O40] the audit trail shows a privacy officer the changes in its own collaborations, not what an organisation it shares one with changed in another', async () => {
    // Gemeente De Wolden is a party of De Wolden and of ZVHD; Actium of De Wolden only. Both get an officer.
    await sql(`UPDATE member SET roles = array_append(roles, 'PRIVACY_OFFICER') WHERE login IN ('voorzitter.dewolden', 'woonconsulent.dewolden')`);
    const [zvhd] = await sql(`SELECT id FROM collaboration WHERE slug = 'zvhd'`);
    const reported = await s.as('voorzitter.dewolden').gql(
      `mutation($input: ReportBreachInput!) { reportBreach(input: $input) { id } }`,
      {
        input: {
          collaborationId: zvhd.id, discoveredAt: '2026-11-23T08:00:00Z', description: 'Dossier ZVHD-P-0002 (huiselijk geweld) verkeerd gemaild',
          dataTypes: ['person.identity'], affectedCount: 1, affectedPersons: 'ZVHD-P-0002', measures: 'Ontvanger verzocht te verwijderen',
          cause: 'Verkeerd adres', startedAt: '2026-11-22T16:30:00Z', endedAt: '2026-11-23T09:00:00Z',
        },
      },
    );
    expect(reported.errors).toBeUndefined();
    const id = reported.data!.reportBreach.id;
    const TRAIL = `query($row: String) { auditTrail(filter: { tableName: "data_breach", rowId: $row }) { nodes { rowId action } } }`;
    const trailOf = async (login: string) => {
      const r = await s.as(login).gql(TRAIL, { row: id });
      expect(r.errors).toBeUndefined();
      return r.data!.auditTrail.nodes.map((n: { action: string }) => n.action);
    };
    expect(await trailOf('voorzitter.dewolden')).toEqual(['INSERT']); // a ZVHD party's officer
    expect(await trailOf('woonconsulent.dewolden')).toEqual([]); // De Wolden only: not ZVHD's breach
  });
});

describe('npm run audit:verify (the built CLI, as an operator runs it)', () => {
  let s: TestServer;
  const verify = () => runCli('audit', ['verify'], { databaseUrl: s.dbUrl });
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.stop());

  test('[O12] exits 0 on intact chains, and 1 naming the first altered record', async () => {
    const [c] = await s.ds.query(`SELECT id FROM "case" WHERE reference = 'ZST-2026-001'`);
    for (let i = 0; i < 3; i++) await s.as('woonconsulent.zeist', 'ENDING_NUISANCE').gql(INCIDENTS, { id: c.id });
    let r = verify();
    expect([r.status, r.stdout]).toEqual([0, expect.stringContaining('disclosure_log: 3 records, chain intact')]);
    const [victim] = await s.ds.query(`SELECT id, seq FROM disclosure_log WHERE seq = 2`);
    await s.ds.query(`ALTER TABLE disclosure_log DISABLE TRIGGER USER`);
    await s.ds.query(`UPDATE disclosure_log SET categories_disclosed = '{}' WHERE id = $1`, [victim.id]);
    await s.ds.query(`ALTER TABLE disclosure_log ENABLE TRIGGER USER`);
    r = verify();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`disclosure_log: BROKEN at record 2 (id ${victim.id})`);
  });
});
