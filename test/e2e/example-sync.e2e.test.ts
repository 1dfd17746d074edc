import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CorporationSystem } from '../../examples/corporation-sync/corporation-system';
import { startTestServer, type TestServer } from '../helpers/test-server';

const FAST = { pollMs: 50, backoffMs: 50, maxBackoffMs: 200, maxAttempts: 5, timeoutMs: 10_000 };
const REGISTER = `mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { id secret } }`;
const ADD_ITEM = `mutation($input: AddInformationItemInput!) { addInformationItem(input: $input) { id } }`;

async function waitFor<T>(what: string, fn: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Issue 10, "done when": the example client (examples/corporation-sync) imports its file, receives the webhook
 * for a change another partner makes, and replaying the import changes nothing.
 */
describe('the example corporation system keeps in sync with Schakel both ways (issue 10)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ webhooks: FAST });
  });
  afterAll(() => s.stop());

  test('[O6] [O12] imports its file, receives the police’s change to its tenant under the policy, and a replay changes nothing', async () => {
    const [{ id: zeistId }] = await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`);
    const [{ id: zst1 }] = await s.ds.query(`SELECT id FROM "case" WHERE reference = 'ZST-2026-001'`);
    const system = new CorporationSystem(path.join(mkdtempSync(path.join(tmpdir(), 'corp-sync-')), 'state.json'));
    // The corporation's own records: a new case of its own, and its tenant in the case the partners share.
    system.upsertRecord('CASE', 'DOS-4711', { collaborationId: zeistId, reference: 'ZST-CORP-4711', title: 'Geluidsoverlast portiek', caseKind: 'INDIVIDUAL', lifeDomains: ['WONEN'] });
    system.upsertRecord('SUBJECT', 'HUURDER-88', { caseId: zst1, roleInCase: 'huurder' });
    system.upsertRecord('INFORMATION_ITEM', 'NOTITIE-1', { caseId: zst1, subjectExternalId: 'HUURDER-88', category: 'HOUSING', content: 'Huurachterstand twee maanden' });

    // Its privacy officer registers the webhook of the system's receiver.
    let secret = '';
    const receiver = system.receiver({ secret: () => secret, path: '/schakel' });
    const url = await receiver.listen(0, '127.0.0.1');
    try {
      const reg = await s.as('privacy.woongoed.zeist').gql(REGISTER, {
        input: { collaborationId: zeistId, url, description: 'huurregistratie', purpose: 'ENDING_NUISANCE' },
      });
      expect(reg.errors).toBeUndefined();
      secret = reg.data!.registerWebhook.secret;

      const token = (await s.tokenFor('woonconsulent.zeist')).replace('Bearer ', '');
      const first = await system.push({ url: s.url, token, purpose: 'ENDING_NUISANCE' });
      expect(first).toMatchObject({ committed: true, created: 3, updated: 0, unchanged: 0, rejected: 0 });
      const records = system.load().records;
      expect(records.every((r) => r.schakel?.outcome === 'CREATED' && r.schakel.id && r.schakel.version === 1)).toBe(true);
      const tenantId = records.find((r) => r.externalId === 'HUURDER-88')!.schakel!.id!;

      // Another partner: the wijkagent records an incident about the tenant.
      const added = await s.as('wijkagent.zeist', 'ENDING_NUISANCE').gql(ADD_ITEM, {
        input: { caseId: zst1, subjectId: tenantId, category: 'POLICE_INCIDENTS', content: 'Melding geluidsoverlast 12-11', legalGround: 'art. 20 Wpg, besluit §3', informedStatus: 'INFORMED',
          policeJustification: 'Geen andere bron dan de politie; juist, actueel en niet bovenmatig' },
      });
      expect(added.errors).toBeUndefined();
      const itemId = added.data!.addInformationItem.id;
      const entry = await waitFor('the webhook about the police item', () => system.load().inbox.find((e) => e.event.entityId === itemId));
      expect(entry.event).toMatchObject({ caseId: zst1, entityType: expect.stringMatching(/information/i), operation: 'created' });
      expect(JSON.stringify(entry.event.data)).toContain('Melding geluidsoverlast 12-11');
      // The delivery of police data to the corporation is in the disclosure log (O12).
      const [{ n }] = await s.ds.query(`SELECT count(*)::int AS n FROM disclosure_log WHERE $1 = ANY(item_ids)`, [itemId]);
      expect(n).toBeGreaterThan(0);

      // Replaying the import changes nothing: every row UNCHANGED, same versions, no new events, no audit records.
      const counts = async () =>
        (await s.ds.query(`SELECT (SELECT count(*) FROM mutation_audit)::int AS audit, (SELECT count(*) FROM outbox_event)::int AS events`))[0];
      const before = await counts();
      const replay = await system.push({ url: s.url, token, purpose: 'ENDING_NUISANCE' });
      expect(replay).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 3, rejected: 0 });
      expect(system.load().records.map((r) => r.schakel?.version)).toEqual([1, 1, 1]);
      expect(await counts()).toEqual(before);
    } finally {
      await receiver.close();
    }
  });
});
