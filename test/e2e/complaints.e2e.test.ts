import { createHash } from 'node:crypto';
import { principalByLogin, type Principal } from '../../src/auth/authenticate';
import { openSession } from '../../src/server/context';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * O33 (De Wolden samenwerkingsconvenant art. 10): a complaint about treatment may be filed with any party, goes to
 * the party whose member it concerns, is handled there, and the coordinator always hears the outcome.
 */
const FIELDS = `id collaborationName caseReference receivingOrganisationName responsibleOrganisationName concernsMemberName
  receivedAt forwardedAt summary status outcome handledAt coordinatorInformedAt`;
const FILE = `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { ${FIELDS} } }`;
const OUTCOME = `mutation($input: RecordComplaintOutcomeInput!) { recordComplaintOutcome(input: $input) { ${FIELDS} } }`;
const NOTE = `mutation($id: ID!) { acknowledgeComplaintOutcome(complaintId: $id) { ${FIELDS} } }`;
const LIST = `{ complaints { id status outcome coordinatorInformedAt } }`;

describe('complaints about treatment (O33)', () => {
  let s: TestServer;
  let dewolden: string;
  let org: (login: string) => Promise<{ organisationId: string; memberId: string; organisationName: string }>;
  let complaintRows: () => Promise<number>;

  beforeAll(async () => {
    s = await startTestServer();
    [{ id: dewolden }] = await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'dewolden'`);
    org = async (login) =>
      (
        await s.ds.query(
          `SELECT m.organisation_id AS "organisationId", m.id AS "memberId", o.name AS "organisationName" FROM member m
             JOIN organisation o ON o.id = m.organisation_id WHERE m.login = $1`,
          [login],
        )
      )[0];
    complaintRows = async () => (await s.ds.query(`SELECT count(*)::int AS n FROM complaint`))[0].n;
  });
  afterAll(() => s?.stop());

  test('[O33] a complaint about another party’s member goes to that party; it is handled there and the coordinator hears the outcome', async () => {
    const actium = await org('woonconsulent.dewolden');
    const [kase] = await s.ds.query(`SELECT id FROM "case" WHERE reference = 'DWL-2026-002'`);
    // The opbouwwerker (Welzijn) receives a complaint about the woonconsulent (Actium).
    const filed = await s.as('opbouwwerker.dewolden').gql(FILE, {
      input: {
        collaborationId: dewolden, responsibleOrganisationId: actium.organisationId, concernsMemberId: actium.memberId, caseId: kase.id,
        summary: 'Bewoner voelde zich bij het huisbezoek niet serieus genomen',
      },
    });
    expect(filed.errors).toBeUndefined();
    const c = filed.data!.fileComplaint;
    expect(c).toMatchObject({
      responsibleOrganisationName: actium.organisationName, concernsMemberName: 'I. (Ingrid) Lubbers', caseReference: 'DWL-2026-002',
      status: 'OPEN', outcome: null, coordinatorInformedAt: null,
    });
    expect(c.forwardedAt).not.toBeNull();

    const sees = async (login: string) => (await s.as(login).gql(LIST)).data!.complaints.some((x: { id: string }) => x.id === c.id);
    expect(await sees('opbouwwerker.dewolden')).toBe(true); // registered it
    expect(await sees('dorpencontact.dewolden')).toBe(true); // the coordinator
    expect(await sees('stuurgroep.actium.dewolden')).toBe(true); // handles it for Actium
    expect(await sees('woonconsulent.dewolden')).toBe(false); // the member it concerns, never
    expect(await sees('wijkagent.dewolden')).toBe(false); // another party's member without a handling role
    expect(await sees('woonconsulent.zeist')).toBe(false); // not a party of De Wolden

    // Not handled by the party that received it, nor by the member it concerns; the coordinator waits for an outcome.
    const byReceiver = await s.as('dorpencontact.dewolden').gql(OUTCOME, { input: { complaintId: c.id, outcome: 'Afgehandeld' } });
    expect(byReceiver.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_RESPONSIBLE_HANDLER' });
    const byConcerned = await s.as('woonconsulent.dewolden').gql(OUTCOME, { input: { complaintId: c.id, outcome: 'Ongegrond' } });
    expect(byConcerned.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const early = await s.as('dorpencontact.dewolden').gql(NOTE, { id: c.id });
    expect(early.errors?.[0].extensions?.code).toBe('CONFLICT');

    const handled = await s.as('stuurgroep.actium.dewolden').gql(OUTCOME, {
      input: { complaintId: c.id, outcome: 'Gesprek met bewoner gevoerd; excuses aangeboden (klachtenregeling Actium)' },
    });
    expect(handled.errors).toBeUndefined();
    expect(handled.data!.recordComplaintOutcome).toMatchObject({ status: 'HANDLED', outcome: 'Gesprek met bewoner gevoerd; excuses aangeboden (klachtenregeling Actium)' });
    const again = await s.as('stuurgroep.actium.dewolden').gql(OUTCOME, { input: { complaintId: c.id, outcome: 'Nogmaals' } });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    // Only a coordinator takes note; once.
    const notCoordinator = await s.as('opbouwwerker.dewolden').gql(NOTE, { id: c.id });
    expect(notCoordinator.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_COORDINATOR' });
    const noted = await s.as('dorpencontact.dewolden').gql(NOTE, { id: c.id });
    expect(noted.errors).toBeUndefined();
    expect(noted.data!.acknowledgeComplaintOutcome.coordinatorInformedAt).not.toBeNull();
    expect((await s.as('dorpencontact.dewolden').gql(NOTE, { id: c.id })).errors?.[0].extensions?.code).toBe('CONFLICT');

    // Every step is in the audit trail.
    const audit = await s.ds.query(`SELECT operation FROM mutation_audit WHERE table_name = 'complaint' AND row_id = $1 ORDER BY seq`, [c.id]);
    expect(audit.map((a: { operation: string }) => a.operation)).toEqual(['fileComplaint', 'recordComplaintOutcome', 'acknowledgeComplaintOutcome']);
  });

  test('[O33] a complaint about the receiving party’s own member stays there, unforwarded; the member concerned neither sees nor handles it, even with a handling role; a blank outcome is refused', async () => {
    const board = await org('stuurgroep.welzijn.dewolden'); // Welzijn's steering-group delegate: a handler of Welzijn's complaints
    const own = await s.as('opbouwwerker.dewolden').gql(FILE, {
      input: { collaborationId: dewolden, responsibleOrganisationId: board.organisationId, concernsMemberId: board.memberId, summary: 'Toezegging over dagbesteding niet nagekomen' },
    });
    expect(own.errors).toBeUndefined();
    const c = own.data!.fileComplaint;
    expect(c).toMatchObject({ forwardedAt: null, receivingOrganisationName: board.organisationName, responsibleOrganisationName: board.organisationName });
    const concerned = s.as('stuurgroep.welzijn.dewolden');
    expect((await concerned.gql(LIST)).data!.complaints.map((x: { id: string }) => x.id)).not.toContain(c.id);
    const self = await concerned.gql(OUTCOME, { input: { complaintId: c.id, outcome: 'Ongegrond' } });
    expect(self.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Welzijn's coordinator handles it, with an outcome that says something.
    const blank = await s.as('dorpencontact.dewolden').gql(OUTCOME, { input: { complaintId: c.id, outcome: '        ' } });
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'outcome' });
    expect((await s.ds.query(`SELECT status, outcome FROM complaint WHERE id = $1`, [c.id]))[0]).toEqual({ status: 'OPEN', outcome: null });
    const handled = await s.as('dorpencontact.dewolden').gql(OUTCOME, { input: { complaintId: c.id, outcome: 'Gegrond; afspraak alsnog gemaakt' } });
    expect(handled.errors).toBeUndefined();
    expect(handled.data!.recordComplaintOutcome.status).toBe('HANDLED');
  });

  test('[O33] bad input → BAD_USER_INPUT naming the field, and nothing written; a non-party cannot file', async () => {
    const actium = await org('woonconsulent.dewolden');
    const zeistCorp = await org('woonconsulent.zeist');
    const welzijn = await org('opbouwwerker.dewolden');
    const [zeistCase] = await s.ds.query(`SELECT id FROM "case" WHERE reference = 'ZST-2026-001'`);
    const base = { collaborationId: dewolden, responsibleOrganisationId: actium.organisationId, summary: 'Onheus bejegend aan de telefoon' };
    const before = await complaintRows();
    const cases: [Record<string, unknown>, string][] = [
      [{ responsibleOrganisationId: zeistCorp.organisationId }, 'responsibleOrganisationId'],
      [{ concernsMemberId: zeistCorp.memberId }, 'concernsMemberId'],
      [{ caseId: zeistCase.id }, 'caseId'],
      [{ receivedAt: '2999-01-01T00:00:00Z' }, 'receivedAt'],
      [{ summary: 'kort' }, 'summary'],
      [{ summary: '                 ' }, 'summary'],
      // The member a complaint concerns never sees it, so nobody files one about themselves.
      [{ responsibleOrganisationId: welzijn.organisationId, concernsMemberId: welzijn.memberId }, 'concernsMemberId'],
    ];
    for (const [change, field] of cases) {
      const r = await s.as('opbouwwerker.dewolden').gql(FILE, { input: { ...base, ...change } });
      expect([field, r.errors?.[0].extensions]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
    const outsider = await s.as('woonconsulent.zeist').gql(FILE, { input: base });
    expect(outsider.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await complaintRows()).toBe(before);
  });

  test('[O33] defence in depth: with the service bypassed, a request session neither reads nor changes a complaint about its own member, nor one of a collaboration its organisation is no party of, nor files one for another party or one handled already, nor rewrites a filed complaint or its outcome', async () => {
    const actium = await org('woonconsulent.dewolden');
    const welzijn = await org('opbouwwerker.dewolden');
    const filed = await s.as('opbouwwerker.dewolden').gql(FILE, {
      input: { collaborationId: dewolden, responsibleOrganisationId: actium.organisationId, concernsMemberId: actium.memberId, summary: 'Niet teruggebeld na toezegging' },
    });
    const id = filed.data!.fileComplaint.id;
    const asSessionOf = async (login: string, sql: string, params: unknown[] = []) => {
      const { db, release } = await openSession(s.ds, (await principalByLogin(s.ds, login)) as Principal);
      try {
        return await db.query(sql, params);
      } finally {
        await release();
      }
    };
    const count = async (login: string) => (await asSessionOf(login, `SELECT count(*)::int AS n FROM complaint WHERE id = $1`, [id]))[0].n;
    expect(await count('stuurgroep.actium.dewolden')).toBe(1); // the responsible party
    expect(await count('wijkagent.dewolden')).toBe(1); // a party of De Wolden (the service narrows it by role)
    expect(await count('woonconsulent.dewolden')).toBe(0); // the member it concerns
    expect(await count('woonconsulent.zeist')).toBe(0); // no party of De Wolden
    const [, changed] = await asSessionOf('woonconsulent.dewolden', `UPDATE complaint SET outcome = 'Ongegrond', status = 'HANDLED', handled_at = now() WHERE id = $1`, [id]);
    expect(changed).toBe(0);
    await expect(
      asSessionOf('opbouwwerker.dewolden', `INSERT INTO complaint (collaboration_id, receiving_organisation_id, registered_by_id, responsible_organisation_id, received_at, summary)
        VALUES ($1, $2, $3, $2, now(), 'Namens een andere partij ingeschreven')`, [dewolden, actium.organisationId, welzijn.memberId]),
    ).rejects.toThrow(/row-level security/);
    const [, deleted] = await asSessionOf('opbouwwerker.dewolden', `DELETE FROM complaint WHERE id = $1`, [id]);
    expect(deleted).toBe(0);
    expect((await s.ds.query(`SELECT status FROM complaint WHERE id = $1`, [id]))[0].status).toBe('OPEN');
    // Nor does it file one handled already, rewrite what was filed, or overwrite an outcome once recorded.
    await expect(
      asSessionOf('opbouwwerker.dewolden', `INSERT INTO complaint (collaboration_id, receiving_organisation_id, registered_by_id, responsible_organisation_id, received_at, summary, status, outcome, handled_at)
        VALUES ($1, $2, $3, $2, now(), 'Ingeschreven en meteen afgedaan', 'HANDLED', 'Ongegrond', now())`, [dewolden, welzijn.organisationId, welzijn.memberId]),
    ).rejects.toThrow(/row-level security/);
    await expect(asSessionOf('stuurgroep.actium.dewolden', `UPDATE complaint SET summary = 'Een andere klacht' WHERE id = $1`, [id])).rejects.toThrow(
      /what was filed does not change/,
    );
    const handled = await s.as('stuurgroep.actium.dewolden').gql(OUTCOME, { input: { complaintId: id, outcome: 'Gegrond; excuses aangeboden' } });
    expect(handled.errors).toBeUndefined();
    await expect(asSessionOf('stuurgroep.actium.dewolden', `UPDATE complaint SET outcome = 'Ongegrond' WHERE id = $1`, [id])).rejects.toThrow(
      /outcome is recorded already/,
    );
    expect((await s.ds.query(`SELECT summary, outcome FROM complaint WHERE id = $1`, [id]))[0]).toEqual({
      summary: 'Niet teruggebeld na toezegging', outcome: 'Gegrond; excuses aangeboden',
    });
  });

  test('[O33] the audit trail shows a complaint’s changes only to privacy officers who may see the complaint, never to the member it concerns, and never its text', async () => {
    const gemeente = await org('privacy.zeist');
    const [zeist] = await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`);
    const summary = 'Voelde zich door de privacy officer niet gehoord (audit-test)';
    const filed = await s.as('woonconsulent.zeist').gql(FILE, {
      input: { collaborationId: zeist.id, responsibleOrganisationId: gemeente.organisationId, concernsMemberId: gemeente.memberId, summary },
    });
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileComplaint.id;
    const TRAIL = `query($row: String) { auditTrail(filter: { tableName: "complaint", rowId: $row }) { nodes { rowId action after } } }`;
    const trailOf = async (login: string) => {
      const r = await s.as(login).gql(TRAIL, { row: id });
      expect(r.errors).toBeUndefined();
      return r.data!.auditTrail.nodes as { rowId: string; action: string; after: Record<string, unknown> }[];
    };
    // The receiving corporation's privacy officer handles complaints for it: sees the change, as a hash of the text.
    const [rec] = await trailOf('privacy.woongoed.zeist');
    expect(rec).toMatchObject({ rowId: id, action: 'INSERT' });
    expect(rec.after.summary).toBeUndefined();
    expect(rec.after.summary_sha256).toBe(createHash('sha256').update(summary).digest('hex'));
    // The privacy officer it concerns, and one of a party with no part in it, see nothing of it.
    expect(await trailOf('privacy.zeist')).toEqual([]);
    expect(await trailOf('privacy.politie.zeist')).toEqual([]);
    // Nowhere in the audit records is the text itself.
    expect((await s.ds.query(`SELECT count(*)::int AS n FROM mutation_audit WHERE after::text LIKE $1`, [`%${summary}%`]))[0].n).toBe(0);
  });
});
