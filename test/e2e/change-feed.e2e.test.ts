import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { loadTrustedIssuers } from '../../src/auth/issuers';
import { createWebhookReceiver, verifySchakelSignature, type SchakelEvent } from '../../examples/corporation-sync/receiver';
import { Client } from 'pg';
import { purgeChangeFeed, startWebhookWorker } from '../../src/domain/webhook/webhook-worker';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signPayload, verifySignature } from '../../src/domain/webhook/webhook-signature';
import { config } from '../../src/config/config';
import { loadPolicies } from '../../src/policy/policy-store';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** The worker in tests: a fast poll and short backoff, three attempts. */
const FAST = { pollMs: 50, backoffMs: 50, maxBackoffMs: 200, maxAttempts: 3, timeoutMs: 10_000 };

interface Received {
  eventId: string;
  signature: string;
  raw: string;
  json: any;
}

/** A real HTTP receiver on a free port: records every POST; answers with the queued statuses, then 200. */
async function startReceiver(opts: { statuses?: number[]; port?: number } = {}) {
  const received: Received[] = [];
  const statuses = [...(opts.statuses ?? [])];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ eventId: String(req.headers[EVENT_ID_HEADER]), signature: String(req.headers[SIGNATURE_HEADER]), raw, json: JSON.parse(raw) });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    /** POSTs about one entity. */
    about: (entityId: string) => received.filter((r) => r.json.entityId === entityId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const REGISTER = `mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) {
  id url purpose secret collaboration { slug } pendingDeliveries failedDeliveries deliveredDeliveries lastError } }`;
const LIST = `{ webhooks { id url secret pendingDeliveries failedDeliveries deliveredDeliveries lastDeliveredAt lastError } }`;
const ADD_ITEM = `mutation($input: AddInformationItemInput!) { addInformationItem(input: $input) { id } }`;

describe('change feed: transactional outbox and signed webhooks (issue 10)', () => {
  let s: TestServer;
  let zeistId: string;
  const ids: Record<string, string> = {};
  const sql = (q: string, p: unknown[] = []) => s.ds.query(q, p);
  /** The delivery of an item's event to a subscription, once the worker has skipped it. */
  const skippedDelivery = (subscriptionId: string, itemId: string) =>
    waitFor('the skipped delivery', async () => {
      const r = await sql(`SELECT d.status, d.last_error FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_id
        WHERE d.subscription_id = $1 AND e.entity_id = $2`, [subscriptionId, itemId]);
      return r[0]?.status === 'SKIPPED' && r;
    });

  beforeAll(async () => {
    s = await startTestServer({ webhooks: FAST });
    zeistId = (await sql(`SELECT id FROM collaboration WHERE slug = 'zeist'`))[0].id;
    for (const ref of ['ZST-2026-001', 'ZST-2026-003']) ids[ref] = (await sql(`SELECT id FROM "case" WHERE reference = $1`, [ref]))[0].id;
    for (const p of ['ZST-P-0001', 'ZST-P-0005']) ids[p] = (await sql(`SELECT id FROM subject WHERE pseudonym = $1`, [p]))[0].id;
  });
  afterAll(() => s.stop());

  const register = (login: string, url: string, purpose: string, description = 'test') =>
    s.as(login).gql(REGISTER, { input: { collaborationId: zeistId, url, purpose, description } });
  const addItem = (login: string, input: Record<string, unknown>) =>
    s.as(login).gql(ADD_ITEM, { input: { informedStatus: 'INFORMED', consentStatus: 'NOT_REQUIRED', ...input } });

  test('registering: http(s) only, a purpose of the policy, a privacy officer or coordinator; bad input writes nothing', async () => {
    const n = async () => (await sql(`SELECT count(*)::int AS n FROM webhook_subscription`))[0].n;
    const before = await n();
    for (const url of ['ftp://example.org/hook', 'file:///etc/passwd', 'not a url', 'javascript:alert(1)', 'http://user:pw@example.org/']) {
      const r = await register('privacy.woongoed.zeist', url, 'ENDING_NUISANCE');
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    }
    const badPurpose = await register('privacy.woongoed.zeist', 'https://example.org/hook', 'MARKETING');
    expect(badPurpose.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'purpose' });
    const noRole = await register('woonconsulent.zeist', 'https://example.org/hook', 'ENDING_NUISANCE');
    expect(noRole.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_WEBHOOK_MANAGER' });
    // De Wolden's coordinator is no party of Zeist.
    const notParty = await register('dorpencontact.dewolden', 'https://example.org/hook', 'ENDING_NUISANCE');
    expect(notParty.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PARTY' });
    expect(await n()).toBe(before);
  });

  test('a subscription is its organisation\'s own: the secret is shown once; others neither list nor remove it; the app role reads no event', async () => {
    const r = await register('privacy.woongoed.zeist', 'https://example.org/own', 'ENDING_NUISANCE');
    expect(r.errors).toBeUndefined();
    const hook = r.data!.registerWebhook;
    expect(hook).toMatchObject({ url: 'https://example.org/own', purpose: 'ENDING_NUISANCE', collaboration: { slug: 'zeist' } });
    expect(hook.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const mine = await s.as('privacy.woongoed.zeist').gql(LIST);
    expect(mine.data!.webhooks.find((w: any) => w.id === hook.id)).toMatchObject({ secret: null });
    const theirs = await s.as('privacy.zeist').gql(LIST);
    expect(theirs.data!.webhooks.map((w: any) => w.id)).not.toContain(hook.id);
    const steal = await s.as('privacy.zeist').gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id: hook.id });
    expect(steal.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // The audit trail records the registration without the secret.
    const [audit] = await sql(`SELECT after FROM mutation_audit WHERE table_name = 'webhook_subscription' AND row_id = $1`, [hook.id]);
    expect(audit.after.secret).toBe('[redacted]');
    expect(JSON.stringify(audit.after)).not.toContain(hook.secret);
    // Row-level security and grants: the application role reads no event and no secret.
    const c = new Client({ connectionString: s.dbUrl });
    await c.connect();
    try {
      await c.query(`SET ROLE schakel_app`);
      await expect(c.query(`SELECT * FROM outbox_event`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`SELECT secret FROM webhook_subscription`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`INSERT INTO outbox_event (entity_type, entity_id, operation) VALUES ('case', gen_random_uuid(), 'created')`)).rejects.toThrow(/permission denied/);
      expect((await c.query(`SELECT id FROM webhook_subscription`)).rows).toEqual([]);
    } finally {
      await c.end();
    }
    const removed = await s.as('privacy.woongoed.zeist').gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id: hook.id });
    expect(removed.data!.removeWebhook).toBe(true);
  });

  test('every committed change writes its outbox event in the same transaction; a failed mutation writes none', async () => {
    const count = async () => (await sql(`SELECT count(*)::int AS n FROM outbox_event`))[0].n;
    const before = await count();
    const bad = await addItem('sociaalteam.zeist', { caseId: ids['ZST-2026-003'], subjectId: ids['ZST-P-0001'], category: 'HOUSING', content: 'x' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(before);
    const ok = await addItem('sociaalteam.zeist', { caseId: ids['ZST-2026-003'], subjectId: ids['ZST-P-0005'], category: 'HOUSING', content: 'Huurcontract loopt door' });
    expect(ok.errors).toBeUndefined();
    const [e] = await sql(`SELECT * FROM outbox_event WHERE entity_id = $1`, [ok.data!.addInformationItem.id]);
    expect(e).toMatchObject({ entity_type: 'information_item', operation: 'created', case_id: ids['ZST-2026-003'], collaboration_id: zeistId,
      subject_id: ids['ZST-P-0005'], category: 'housing' });
    expect(e.actor_organisation_id).toBeTruthy();
    // Any writer, not only the API: one statement changing several rows gives one event per changed row, and
    // an UPDATE that changes nothing gives none.
    const items = (await sql(`SELECT count(*)::int AS n FROM information_item WHERE case_id = $1`, [ids['ZST-2026-001']]))[0].n;
    expect(items).toBeGreaterThan(1);
    const mark = (await sql(`SELECT max(seq) AS m FROM outbox_event`))[0].m;
    await sql(`UPDATE information_item SET kind = kind WHERE case_id = $1`, [ids['ZST-2026-001']]);
    expect(await sql(`SELECT 1 FROM outbox_event WHERE seq > $1`, [mark])).toEqual([]);
    // (Touching updated_at alone is no change either: the version trigger of migration 1795600000000 keeps it.)
    await sql(`UPDATE information_item SET viewable_before_meeting = NOT viewable_before_meeting WHERE case_id = $1`, [ids['ZST-2026-001']]);
    const events = await sql(`SELECT entity_type, operation, case_id FROM outbox_event WHERE seq > $1`, [mark]);
    expect(events).toHaveLength(items);
    expect(new Set(events.map((x: any) => `${x.entity_type}.${x.operation}:${x.case_id}`))).toEqual(new Set([`information_item.updated:${ids['ZST-2026-001']}`]));
  });

  test('[O6] [O12] a signed delivery to a partner, logged per data subject; nothing about the case to an organisation not taking part', async () => {
    const woongoed = await startReceiver();
    const gemeente = await startReceiver();
    try {
      const w = await register('privacy.woongoed.zeist', woongoed.url, 'ENDING_NUISANCE');
      const g = await register('privacy.zeist', gemeente.url, 'CASE_COORDINATION');
      expect(w.errors ?? g.errors).toBeUndefined();
      const secret = w.data!.registerWebhook.secret;
      const item = await addItem('sociaalteam.zeist', {
        caseId: ids['ZST-2026-003'], subjectId: ids['ZST-P-0005'], category: 'HOUSING', content: 'Huurachterstand van twee maanden',
      });
      expect(item.errors).toBeUndefined();
      const itemId = item.data!.addInformationItem.id;
      const [got] = await waitFor('the delivery', () => woongoed.about(itemId).length > 0 && woongoed.about(itemId));
      // The signature: HMAC-SHA256 over "<t>.<raw body>" with the secret shown at registration.
      expect(got.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifySignature(secret, got.raw, got.signature)).toBe(true);
      expect(verifySignature(secret, got.raw.replace('twee', 'drie'), got.signature)).toBe(false);
      expect(verifySignature('whsec_other', got.raw, got.signature)).toBe(false);
      expect(got.eventId).toBe(got.json.id);
      expect(got.json).toMatchObject({
        type: 'information_item.created', caseId: ids['ZST-2026-003'], entityId: itemId, collaboration: 'zeist', purpose: 'ENDING_NUISANCE',
        data: { id: itemId, category: 'housing', content: 'Huurachterstand van twee maanden', subjectPseudonym: 'ZST-P-0005' },
      });
      const [event] = await sql(`SELECT occurred_at FROM outbox_event WHERE id = $1`, [got.eventId]);
      expect(new Date(got.json.occurredAt).getTime()).toBe(new Date(event.occurred_at).getTime());
      // O12: the disclosure is logged, one record for the one data subject, naming the purpose and the item.
      const log = await sql(
        `SELECT d.name, d.purpose, d.item_ids, d.categories_disclosed, d.data_subject_id, o.name AS org, m.login
           FROM disclosure_log d JOIN organisation o ON o.id = d.recipient_organisation_id JOIN member m ON m.id = d.recipient_member_id
          WHERE $1 = ANY(d.item_ids)`,
        [itemId],
      );
      expect(log).toEqual([{
        name: 'disclose webhook information_item.created', purpose: 'ENDING_NUISANCE', item_ids: [itemId], categories_disclosed: ['housing'],
        data_subject_id: 'ZST-P-0005', org: 'Woongoed Zeist', login: 'privacy.woongoed.zeist',
      }]);
      // O6: Gemeente Zeist takes no part in ZST-2026-003: no delivery about it at all.
      await waitFor('the subscription status', async () => {
        const l = await s.as('privacy.woongoed.zeist').gql(LIST);
        return l.data!.webhooks.find((x: any) => x.id === w.data!.registerWebhook.id)?.deliveredDeliveries >= 1;
      });
      await sleep(300);
      expect(gemeente.received.filter((r) => r.json.caseId === ids['ZST-2026-003'])).toEqual([]);
      await s.as('privacy.woongoed.zeist').gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id: w.data!.registerWebhook.id });
      await s.as('privacy.zeist').gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id: g.data!.registerWebhook.id });
    } finally {
      await woongoed.close();
      await gemeente.close();
    }
  });

  test('[O12] fail closed: while the disclosure log cannot be written nothing personal is sent; once it can, the delivery goes', async () => {
    const receiver = await startReceiver();
    try {
      const w = (await register('privacy.woongoed.zeist', receiver.url, 'ENDING_NUISANCE')).data!.registerWebhook;
      await sql(`ALTER TABLE disclosure_log ADD CONSTRAINT test_log_down CHECK (false) NOT VALID`);
      let itemId = '';
      try {
        const item = await addItem('sociaalteam.zeist', {
          caseId: ids['ZST-2026-003'], subjectId: ids['ZST-P-0005'], category: 'HOUSING', content: 'Sleutel ingeleverd',
        });
        itemId = item.data!.addInformationItem.id;
        await waitFor('a failed attempt', async () => {
          const r = await sql(`SELECT d.last_error FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_id
            WHERE d.subscription_id = $1 AND e.entity_id = $2`, [w.id, itemId]);
          return r[0]?.last_error === 'DISCLOSURE_LOG_UNAVAILABLE';
        });
        // The log being down is Schakel's fault, not the receiver's: it uses up none of the delivery's attempts.
        await sleep(400);
        const [d] = await sql(`SELECT d.status, d.attempts FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_id
          WHERE d.subscription_id = $1 AND e.entity_id = $2`, [w.id, itemId]);
        // (Counted, three attempts 50 and 100 ms apart would have made it FAILED by now; 1 while one is in flight.)
        expect(d.status).toBe('PENDING');
        expect(d.attempts).toBeLessThanOrEqual(1);
        expect(receiver.about(itemId)).toEqual([]);
      } finally {
        await sql(`ALTER TABLE disclosure_log DROP CONSTRAINT test_log_down`);
      }
      await waitFor('the delivery once the log is back', () => receiver.about(itemId).length > 0);
      expect(await sql(`SELECT 1 FROM disclosure_log WHERE $1 = ANY(item_ids)`, [itemId])).toHaveLength(1);
      await s.as('privacy.woongoed.zeist').gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id: w.id });
    } finally {
      await receiver.close();
    }
  });

  test('retried with backoff after HTTP 500 until delivered; failed after the last attempt and shown in the status', async () => {
    const flaky = await startReceiver({ statuses: [500, 503] });
    const down = await startReceiver({ statuses: [500, 500, 500, 500] });
    try {
      const f = (await register('privacy.woongoed.zeist', flaky.url, 'ENDING_NUISANCE')).data!.registerWebhook;
      const d = (await register('wijkmanager.zeist', down.url, 'CASE_COORDINATION')).data!.registerWebhook;
      const change = await s.as('sociaalteam.zeist').gql(`mutation($input: ScheduleCaseMeetingInput!) { scheduleCaseMeeting(input: $input) { id } }`, {
        input: { caseId: ids['ZST-2026-001'], scheduledAt: '2026-12-15T10:00:00Z', agenda: 'Voortgang', attendeeOrganisationIds: [] },
      });
      expect(change.errors).toBeUndefined();
      const meetingId = change.data!.scheduleCaseMeeting.id;
      const posts = await waitFor('three POSTs', () => flaky.about(meetingId).length >= 3 && flaky.about(meetingId));
      // The same event each time (one id: the receiver deduplicates), signed anew.
      expect(new Set(posts.map((p) => p.eventId)).size).toBe(1);
      for (const p of posts) expect(verifySignature(f.secret, p.raw, p.signature)).toBe(true);
      const [row] = await waitFor('DELIVERED', async () => {
        const r = await sql(`SELECT status, attempts, delivered_at FROM webhook_delivery WHERE subscription_id = $1 AND event_id = $2`, [f.id, posts[0].eventId]);
        return r[0]?.status === 'DELIVERED' && r;
      });
      expect(row.attempts).toBe(3);
      // The coordinator's receiver keeps failing: FAILED after maxAttempts (3), visible in its status.
      const status = await waitFor('FAILED', async () => {
        const l = await s.as('wijkmanager.zeist').gql(LIST);
        const w = l.data!.webhooks.find((x: any) => x.id === d.id);
        return w?.failedDeliveries >= 1 && w;
      });
      expect(status).toMatchObject({ lastError: 'HTTP 500', deliveredDeliveries: 0 });
      expect(down.about(meetingId)).toHaveLength(3);
      await s.as('privacy.woongoed.zeist').gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id: f.id });
      await s.as('wijkmanager.zeist').gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id: d.id });
    } finally {
      await flaky.close();
      await down.close();
    }
  });

  test('[O11] a subscription for a purpose outside besluit §4 receives no police data; the police\'s own subscription does', async () => {
    const care = await startReceiver();
    const nuisance = await startReceiver();
    const police = await startReceiver();
    try {
      const a = (await register('wijkmanager.zeist', care.url, 'CASE_COORDINATION')).data!.registerWebhook;
      const b = (await register('privacy.woongoed.zeist', nuisance.url, 'ENDING_NUISANCE')).data!.registerWebhook;
      const p = (await register('privacy.politie.zeist', police.url, 'CRIME_PREVENTION')).data!.registerWebhook;
      const item = await addItem('wijkagent.zeist', {
        caseId: ids['ZST-2026-001'], subjectId: ids['ZST-P-0001'], category: 'POLICE_INCIDENTS', content: 'Melding geluidsoverlast 20-11',
        legalGround: 'art. 20 Wpg, besluit Zeist §4.1 d', informedStatus: 'EXCEPTION',
        policeJustification: 'Geen andere bron dan de politie; juist, actueel en niet bovenmatig',
      });
      expect(item.errors).toBeUndefined();
      const itemId = item.data!.addInformationItem.id;
      // Woongoed, for ENDING_NUISANCE, under the art. 20 decision in force: delivered, logged with the decision.
      const [got] = await waitFor('the corporation\'s delivery', () => nuisance.about(itemId).length > 0 && nuisance.about(itemId));
      expect(got.json.data).toMatchObject({ category: 'police.incidents', content: 'Melding geluidsoverlast 20-11' });
      const [log] = await sql(`SELECT art20_decision_ids FROM disclosure_log WHERE $1 = ANY(item_ids) AND purpose = 'ENDING_NUISANCE'`, [itemId]);
      expect(log.art20_decision_ids).toHaveLength(1);
      await waitFor('the police\'s delivery', () => police.about(itemId).length > 0);
      // Gemeente Zeist for CASE_COORDINATION: not a purpose of besluit §4 → nothing, not even a reference.
      const [skipped] = await skippedDelivery(a.id, itemId);
      expect(skipped.last_error).toBe('PURPOSE_NOT_ALLOWED');
      expect(care.about(itemId)).toEqual([]);
      for (const [login, id] of [['wijkmanager.zeist', a.id], ['privacy.woongoed.zeist', b.id], ['privacy.politie.zeist', p.id]]) {
        await s.as(login).gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id });
      }
    } finally {
      await Promise.all([care.close(), nuisance.close(), police.close()]);
    }
  });

  test('[O13] [O38] a rectification reaches the subscriber as an update with the corrected content; an erasure as a bare reference', async () => {
    const receiver = await startReceiver();
    try {
      const w = (await register('privacy.woongoed.zeist', receiver.url, 'ENDING_NUISANCE')).data!.registerWebhook;
      const item = await addItem('sociaalteam.zeist', {
        caseId: ids['ZST-2026-003'], subjectId: ids['ZST-P-0005'], category: 'HOUSING', content: 'Huurachterstand van vier maanden',
      });
      const itemId = item.data!.addInformationItem.id;
      await waitFor('the creation', () => receiver.about(itemId).length > 0);
      const CORRECT = `mutation($input: CorrectInformationInput!) { rectifyInformation(input: $input) { kind } }`;
      const r = await s.as('sociaalteam.zeist').gql(CORRECT, { input: { itemId, content: 'Huurachterstand van één maand', reason: 'Onjuist bedrag (AVG 16)' } });
      expect(r.errors).toBeUndefined();
      const updated = await waitFor('the update', () => receiver.about(itemId).find((x) => x.json.type === 'information_item.updated'));
      expect(updated.json.data.content).toBe('Huurachterstand van één maand');
      const ERASE = `mutation($input: CorrectInformationInput!) { eraseInformation(input: $input) { kind } }`;
      const e = await s.as('sociaalteam.zeist').gql(ERASE, { input: { itemId, reason: 'Verzoek betrokkene (AVG 17)' } });
      expect(e.errors).toBeUndefined();
      const deleted = await waitFor('the deletion', () => receiver.about(itemId).find((x) => x.json.type === 'information_item.deleted'));
      expect(deleted.json).toMatchObject({ entityId: itemId, caseId: ids['ZST-2026-003'], data: null });
      // The outbox keeps references only: no content of the erased item anywhere in it (O38).
      expect(JSON.stringify(await sql(`SELECT * FROM outbox_event WHERE entity_id = $1`, [itemId]))).not.toContain('maand');
      await s.as('privacy.woongoed.zeist').gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id: w.id });
    } finally {
      await receiver.close();
    }
  });

  test('[O14] [O15] an item withheld from a subscriber is not sent when it is deleted either, not even as a reference', async () => {
    const receiver = await startReceiver();
    try {
      const w = (await register('privacy.woongoed.zeist', receiver.url, 'ENDING_NUISANCE')).data!.registerWebhook;
      /** The status of the delivery of the item's `operation` event to Woongoed, once decided. */
      const decided = (itemId: string, operation: string) =>
        waitFor(`the ${operation} delivery`, async () => {
          const r = await sql(`SELECT d.status, d.last_error FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_id
            WHERE d.subscription_id = $1 AND e.entity_id = $2 AND e.operation = $3`, [w.id, itemId, operation]);
          return r[0] && r[0].status !== 'PENDING' && r[0];
        });
      // Only the provider may see it (O14): Woongoed, a partner allowed the category housing, is not sent it…
      const hidden = await addItem('sociaalteam.zeist', {
        caseId: ids['ZST-2026-003'], subjectId: ids['ZST-P-0005'], category: 'HOUSING', content: 'Alleen voor het Sociaal Team',
        sharingRestriction: 'PROVIDER_ONLY',
      });
      expect(hidden.errors).toBeUndefined();
      const hiddenId = hidden.data!.addInformationItem.id;
      expect(await decided(hiddenId, 'created')).toEqual({ status: 'SKIPPED', last_error: 'ITEM_NOT_VISIBLE' });
      // …nor its erasure: the reference alone would tell that the case held such an item.
      const e = await s.as('sociaalteam.zeist').gql(`mutation($input: CorrectInformationInput!) { eraseInformation(input: $input) { kind } }`, {
        input: { itemId: hiddenId, reason: 'Verzoek betrokkene (AVG 17)' },
      });
      expect(e.errors).toBeUndefined();
      expect(await decided(hiddenId, 'deleted')).toEqual({ status: 'SKIPPED', last_error: 'ITEM_NEVER_DISCLOSED' });
      // De-escalation or any other writer deleting a case's items alike; an item Woongoed was sent still has its
      // deletion sent, as the bare reference.
      const other = await addItem('sociaalteam.zeist', {
        caseId: ids['ZST-2026-003'], subjectId: ids['ZST-P-0005'], category: 'HOUSING', content: 'Ook alleen voor het Sociaal Team',
        sharingRestriction: 'PROVIDER_ONLY',
      });
      const shown = await addItem('sociaalteam.zeist', {
        caseId: ids['ZST-2026-003'], subjectId: ids['ZST-P-0005'], category: 'HOUSING', content: 'Voor alle partners',
      });
      const [otherId, shownId] = [other.data!.addInformationItem.id, shown.data!.addInformationItem.id];
      await waitFor('the shown item', () => receiver.about(shownId).length > 0);
      expect(await decided(otherId, 'created')).toMatchObject({ status: 'SKIPPED' });
      await sql(`DELETE FROM information_item WHERE id = ANY($1::uuid[])`, [[otherId, shownId]]);
      expect(await decided(otherId, 'deleted')).toEqual({ status: 'SKIPPED', last_error: 'ITEM_NEVER_DISCLOSED' });
      expect(await decided(shownId, 'deleted')).toEqual({ status: 'DELIVERED', last_error: null });
      expect(receiver.about(shownId).map((r) => [r.json.type, r.json.data === null])).toEqual([
        ['information_item.created', false], ['information_item.deleted', true],
      ]);
      expect(receiver.about(hiddenId)).toEqual([]);
      expect(receiver.about(otherId)).toEqual([]);
      await s.as('privacy.woongoed.zeist').gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id: w.id });
    } finally {
      await receiver.close();
    }
  });

  test('[O6] case.created reaches the webhooks of the partners taking part in the new case, and no one else\'s', async () => {
    const woongoed = await startReceiver();
    const gemeente = await startReceiver();
    try {
      const w = (await register('privacy.woongoed.zeist', woongoed.url, 'ENDING_NUISANCE')).data!.registerWebhook;
      const g = (await register('privacy.zeist', gemeente.url, 'CASE_COORDINATION')).data!.registerWebhook;
      const REGISTER_CASE = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`;
      const inCase = (r: typeof woongoed, caseId: string) => r.received.filter((x) => x.json.caseId === caseId);
      // Registered by Woongoed's woonconsulent: Woongoed is its first partner (inserted after the case).
      const c = await s.as('woonconsulent.zeist').gql(REGISTER_CASE, {
        input: { collaborationId: zeistId, reference: 'ZST-2026-901', title: 'Overlast Dijnselburgerlaan', kind: 'INDIVIDUAL', lifeDomains: [] },
      });
      expect(c.errors).toBeUndefined();
      const caseId = c.data!.registerCase.id;
      const [created] = await waitFor('case.created', () => woongoed.about(caseId).filter((r) => r.json.type === 'case.created').length > 0
        && woongoed.about(caseId).filter((r) => r.json.type === 'case.created'));
      expect(created.json).toMatchObject({ caseId, entityId: caseId, data: { id: caseId, reference: 'ZST-2026-901', phase: 'INTAKE' } });
      expect(verifySignature(w.secret, created.raw, created.signature)).toBe(true);
      // One delivery of the event, to the partner's webhook only (Gemeente Zeist takes no part).
      const [event] = await sql(`SELECT id FROM outbox_event WHERE entity_id = $1 AND operation = 'created'`, [caseId]);
      const to = (await sql(`SELECT subscription_id FROM webhook_delivery WHERE event_id = $1`, [event.id])).map((r: any) => r.subscription_id);
      expect(to).toContain(w.id);
      expect(to).not.toContain(g.id);

      // An import (one statement per table: the case, then its partners) reaches every partner of the new case.
      const [woongoedOrg] = await sql(`SELECT id FROM organisation WHERE name = 'Woongoed Zeist'`);
      const [gemeenteOrg] = await sql(`SELECT organisation_id AS id FROM member WHERE login = 'wijkmanager.zeist'`);
      const db = new Client({ connectionString: s.dbUrl });
      await db.connect();
      let importedId = '';
      try {
        await db.query('BEGIN');
        importedId = (await db.query(`INSERT INTO "case" (collaboration_id, reference, kind, reporting_organisation_id)
          VALUES ($1, 'ZST-2026-902', 'INDIVIDUAL', $2) RETURNING id`, [zeistId, gemeenteOrg.id])).rows[0].id;
        await db.query(`INSERT INTO case_participant (case_id, organisation_id, role) VALUES ($1, $2, 'PARTNER'), ($1, $3, 'PARTNER')`,
          [importedId, gemeenteOrg.id, woongoedOrg.id]);
        await db.query('COMMIT');
      } finally {
        await db.end();
      }
      await waitFor('case.created of the import', () =>
        woongoed.about(importedId).some((r) => r.json.type === 'case.created') && gemeente.about(importedId).some((r) => r.json.type === 'case.created'));

      // A partner joining later, in a transaction of its own, learns of the case by its participation, as before:
      // the creation is not fanned out to it afterwards.
      const later = await s.as('sociaalteam.zeist').gql(REGISTER_CASE, {
        input: { collaborationId: zeistId, reference: 'ZST-2026-903', kind: 'INDIVIDUAL', lifeDomains: [] },
      });
      const laterId = later.data!.registerCase.id;
      const invite = await s.as('sociaalteam.zeist').gql(
        `mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id } }`,
        { input: { caseId: laterId, organisationId: woongoedOrg.id, role: 'PARTNER' } },
      );
      expect(invite.errors).toBeUndefined();
      await waitFor('the participation', () => inCase(woongoed, laterId).some((r) => r.json.type === 'case_participant.created'));
      expect(await sql(`SELECT 1 FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_id
        WHERE e.entity_id = $1 AND e.operation = 'created' AND d.subscription_id = $2`, [laterId, w.id])).toEqual([]);
      expect(inCase(gemeente, caseId)).toEqual([]);
      expect(inCase(gemeente, laterId)).toEqual([]);
      await s.as('privacy.woongoed.zeist').gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id: w.id });
      await s.as('privacy.zeist').gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id: g.id });
    } finally {
      await woongoed.close();
      await gemeente.close();
    }
  });

  test('the example receiver (examples/corporation-sync) verifies the signature and processes each event id once', async () => {
    const events: SchakelEvent[] = [];
    const outcomes: string[] = [];
    let secret = '';
    // The URL is registered before the secret is known: the receiver reads its secret when a request comes.
    const r = createWebhookReceiver({ secret: () => secret, path: '/schakel', onEvent: (e) => void events.push(e),
      onOutcome: (o) => void outcomes.push(o.outcome) });
    const url = await r.listen();
    try {
      const w = (await register('privacy.woongoed.zeist', url, 'ENDING_NUISANCE')).data!.registerWebhook;
      secret = w.secret;
      const item = await addItem('sociaalteam.zeist', {
        caseId: ids['ZST-2026-003'], subjectId: ids['ZST-P-0005'], category: 'HOUSING', content: 'Buren melden geluidsoverlast',
      });
      const itemId = item.data!.addInformationItem.id;
      const e = await waitFor('the processed event', () => events.find((x) => x.entityId === itemId));
      expect(e).toMatchObject({ type: 'information_item.created', data: { content: 'Buren melden geluidsoverlast' } });
      // The same delivery again (as a retry would send it): acknowledged, not processed twice; a forgery: 401.
      const body = JSON.stringify(e);
      const t = Math.floor(Date.now() / 1000);
      const post = (b: string, sig: string) => fetch(url, { method: 'POST', body: b, headers: { 'schakel-signature': sig, 'schakel-event-id': e.id } });
      expect((await post(body, signPayload(secret, body, t))).status).toBe(200);
      expect(events.filter((x) => x.id === e.id)).toHaveLength(1);
      expect(outcomes).toContain('duplicate');
      expect((await post(body.replace('Buren', 'Niemand'), signPayload(secret, body, t))).status).toBe(401);
      expect((await post(body, signPayload(secret, body, t - 3600))).status).toBe(401);
      expect(verifySchakelSignature(secret, body, signPayload(secret, body, t))).toBe(true);
      await s.as('privacy.woongoed.zeist').gql(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id: w.id });
    } finally {
      await r.close();
    }
  });

  test('[O8] an organisation taking part only as ad-hoc participant (agendadeelnemer) receives nothing through a webhook, police data least of all', async () => {
    // Huisartsenpraktijk is no party of the Zeist agreement, so it cannot register one; a subscription put in
    // the database directly (as a misconfigured registration would) still receives nothing: a webhook acts
    // for an organisation, and an ad-hoc invitation is one member's (Zeist art. 11.1; besluit §4).
    const receiver = await startReceiver();
    try {
      const [huisarts] = await sql(`SELECT id, organisation_id FROM member WHERE login = 'huisarts.zeist'`);
      const [adHoc] = await sql(`SELECT role FROM case_participant WHERE case_id = $1 AND organisation_id = $2`, [ids['ZST-2026-001'], huisarts.organisation_id]);
      expect(adHoc.role).toBe('AD_HOC');
      const [sub] = await sql(
        `INSERT INTO webhook_subscription (organisation_id, collaboration_id, created_by_member_id, url, purpose, secret)
         VALUES ($1, $2, $3, $4, 'CARE_VICTIMS_OFFENDERS', 'whsec_test') RETURNING id`,
        [huisarts.organisation_id, zeistId, huisarts.id, receiver.url],
      );
      const police = await addItem('wijkagent.zeist', {
        caseId: ids['ZST-2026-001'], subjectId: ids['ZST-P-0001'], category: 'POLICE_IDENTITY', content: 'J. de Vries, Slotlaan 12',
        legalGround: 'art. 20 Wpg, besluit Zeist §4.1 a', informedStatus: 'EXCEPTION',
        policeJustification: 'Geen andere bron dan de politie; juist, actueel en niet bovenmatig',
      });
      expect(police.errors).toBeUndefined();
      const [event] = await sql(`SELECT id FROM outbox_event WHERE entity_id = $1`, [police.data!.addInformationItem.id]);
      expect(event).toBeDefined();
      await sleep(300);
      expect(await sql(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1`, [sub.id])).toEqual([]);
      expect(receiver.received).toEqual([]);
      await sql(`DELETE FROM webhook_subscription WHERE id = $1`, [sub.id]);
    } finally {
      await receiver.close();
    }
  });

  test('[O5] once the police chief revokes the art. 20 decision, a new police item reaches no partner\'s webhook — at once', async () => {
    const nuisance = await startReceiver();
    try {
      const b = (await register('privacy.woongoed.zeist', nuisance.url, 'ENDING_NUISANCE')).data!.registerWebhook;
      const [decision] = await sql(`SELECT d.id FROM art20_decision d JOIN agreement a ON a.id = d.agreement_id WHERE a.collaboration_id = $1`, [zeistId]);
      const revoke = await s.as('teamchef.zeist').gql(`mutation($id: ID!, $r: String!) { revokeArt20Decision(id: $id, reason: $r) { inForce } }`, {
        id: decision.id, r: 'Grond vervallen (besluit §6)',
      });
      expect(revoke.errors).toBeUndefined();
      const item = await addItem('wijkagent.zeist', {
        caseId: ids['ZST-2026-001'], subjectId: ids['ZST-P-0001'], category: 'POLICE_VEHICLES', content: 'Kenteken AB-123-C',
        legalGround: 'art. 20 Wpg, besluit Zeist §4.1 c', informedStatus: 'EXCEPTION',
        policeJustification: 'Geen andere bron dan de politie; juist, actueel en niet bovenmatig',
      });
      const itemId = item.data!.addInformationItem.id;
      const [skipped] = await skippedDelivery(b.id, itemId);
      expect(skipped.last_error).toBe('NO_ART20_GRANT');
      expect(nuisance.about(itemId)).toEqual([]);
      expect(await sql(`SELECT 1 FROM disclosure_log WHERE $1 = ANY(item_ids)`, [itemId])).toEqual([]);
    } finally {
      await nuisance.close();
    }
  });
});

describe('change feed: durability and concurrency', () => {
  test('stopping the server between a commit and its delivery loses no event: it is delivered after restart, once per event id', async () => {
    // The first server commits changes but delivers nothing (no worker), then stops.
    const first = await startTestServer({ webhooks: { pollMs: 0 }, keepDatabase: true });
    const receiver = await startReceiver();
    let second: TestServer | undefined;
    try {
      const zeistId = (await first.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`))[0].id;
      const caseId = (await first.ds.query(`SELECT id FROM "case" WHERE reference = 'ZST-2026-003'`))[0].id;
      const subjectId = (await first.ds.query(`SELECT id FROM subject WHERE pseudonym = 'ZST-P-0005'`))[0].id;
      const reg = await first.as('privacy.woongoed.zeist').gql(REGISTER, {
        input: { collaborationId: zeistId, url: receiver.url, purpose: 'ENDING_NUISANCE' },
      });
      const secret = reg.data!.registerWebhook.secret;
      const itemIds: string[] = [];
      for (const content of ['Overlast gemeld door buren', 'Gesprek met verhuurder gepland']) {
        const r = await first.as('sociaalteam.zeist').gql(ADD_ITEM, {
          input: { caseId, subjectId, category: 'HOUSING', content, informedStatus: 'INFORMED' },
        });
        expect(r.errors).toBeUndefined();
        itemIds.push(r.data!.addInformationItem.id);
      }
      const pending = await first.ds.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status = 'PENDING'`);
      expect(pending[0].n).toBe(2);
      const dbUrl = first.dbUrl;
      await first.stop();
      expect(receiver.received).toEqual([]);

      // A new server on the same database delivers what was committed.
      second = await startTestServer({ dbUrl, webhooks: FAST });
      await waitFor('both deliveries', () => itemIds.every((id) => receiver.about(id).length > 0));
      await sleep(300);
      for (const id of itemIds) {
        const posts = receiver.about(id);
        expect(posts).toHaveLength(1);
        expect(verifySignature(secret, posts[0].raw, posts[0].signature)).toBe(true);
      }
      expect(new Set(receiver.received.map((r) => r.eventId)).size).toBe(receiver.received.length);
    } finally {
      await receiver.close();
      await second?.stop();
    }
  }, 180_000);

  test('purging keeps every event still to be delivered, however old, and removes older finished ones', async () => {
    const s = await startTestServer({ webhooks: { pollMs: 0 } });
    try {
      const zeistId = (await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`))[0].id;
      const caseId = (await s.ds.query(`SELECT id FROM "case" WHERE reference = 'ZST-2026-001'`))[0].id;
      const reg = await s.as('privacy.woongoed.zeist').gql(REGISTER, { input: { collaborationId: zeistId, url: 'http://127.0.0.1:9/x', purpose: 'ENDING_NUISANCE' } });
      expect(reg.errors).toBeUndefined();
      await s.as('sociaalteam.zeist').gql(`mutation($input: ScheduleCaseMeetingInput!) { scheduleCaseMeeting(input: $input) { id } }`, {
        input: { caseId, scheduledAt: '2027-03-01T10:00:00Z', agenda: 'Evaluatie', attendeeOrganisationIds: [] },
      });
      const [pending] = await s.ds.query(`SELECT event_id FROM webhook_delivery WHERE status = 'PENDING'`);
      await s.ds.query(`UPDATE outbox_event SET occurred_at = now() - interval '90 days'`);
      const total = (await s.ds.query(`SELECT count(*)::int AS n FROM outbox_event`))[0].n;
      expect(await purgeChangeFeed(s.ds, '30 days')).toBe(total - 1);
      expect((await s.ds.query(`SELECT id FROM outbox_event`)).map((r: any) => r.id)).toEqual([pending.event_id]);
    } finally {
      await s.stop();
    }
  }, 120_000);

  test('two workers on one database never send the same delivery twice (FOR UPDATE SKIP LOCKED)', async () => {
    const s = await startTestServer({ webhooks: { pollMs: 0 } });
    const receiver = await startReceiver();
    try {
      const zeistId = (await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`))[0].id;
      const caseId = (await s.ds.query(`SELECT id FROM "case" WHERE reference = 'ZST-2026-001'`))[0].id;
      const reg = await s.as('privacy.woongoed.zeist').gql(REGISTER, { input: { collaborationId: zeistId, url: receiver.url, purpose: 'ENDING_NUISANCE' } });
      expect(reg.errors).toBeUndefined();
      // 40 committed changes (meetings scheduled), then two workers race for them.
      for (let i = 0; i < 40; i++) {
        const r = await s.as('sociaalteam.zeist').gql(`mutation($input: ScheduleCaseMeetingInput!) { scheduleCaseMeeting(input: $input) { id } }`, {
          input: { caseId, scheduledAt: new Date(Date.UTC(2027, 0, 1 + i, 10)).toISOString(), agenda: `Overleg ${i}`, attendeeOrganisationIds: [] },
        });
        expect(r.errors).toBeUndefined();
      }
      const policies = await loadPolicies(s.ds, config().policyDir);
      const settings = { ...config().webhooks, ...FAST, batch: 7, pollMs: 0 };
      const workers = [startWebhookWorker(s.ds, policies, settings, { autostart: false }), startWebhookWorker(s.ds, policies, settings, { autostart: false })];
      const drain = async (w: (typeof workers)[number]) => {
        while ((await w.runOnce()) > 0);
      };
      await Promise.all(workers.map(drain));
      const ids = receiver.received.map((r) => r.eventId);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
      const [row] = await s.ds.query(`SELECT count(*) FILTER (WHERE status = 'DELIVERED')::int AS delivered, max(attempts)::int AS attempts FROM webhook_delivery`);
      expect(row).toEqual({ delivered: 40, attempts: 1 });
    } finally {
      await receiver.close();
      await s.stop();
    }
  }, 180_000);

  test('SSRF: only hosts on SCHAKEL_WEBHOOK_ALLOWED_HOSTS are registered and sent to; in production a name resolving to loopback is not sent to', async () => {
    const s = await startTestServer({ webhooks: { pollMs: 0, allowedHosts: ['localhost', '*.woongoed.example'] } });
    const receiver = await startReceiver();
    try {
      const zeistId = (await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`))[0].id;
      const caseId = (await s.ds.query(`SELECT id FROM "case" WHERE reference = 'ZST-2026-001'`))[0].id;
      const reg = (url: string) => s.as('privacy.woongoed.zeist').gql(REGISTER, { input: { collaborationId: zeistId, url, purpose: 'ENDING_NUISANCE' } });
      const before = (await s.ds.query(`SELECT count(*)::int AS n FROM webhook_subscription`))[0].n;
      for (const url of [receiver.url, 'http://169.254.169.254/latest/meta-data', 'https://intranet.gemeente.example/hook']) {
        const r = await reg(url);
        expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
      }
      expect((await s.ds.query(`SELECT count(*)::int AS n FROM webhook_subscription`))[0].n).toBe(before);
      // A listed name is registered; deliveries to it go to the address it resolves to.
      const local = receiver.url.replace('127.0.0.1', 'localhost');
      const ok = await reg(local);
      expect(ok.errors).toBeUndefined();
      const meeting = await s.as('sociaalteam.zeist').gql(`mutation($input: ScheduleCaseMeetingInput!) { scheduleCaseMeeting(input: $input) { id } }`, {
        input: { caseId, scheduledAt: '2027-03-01T10:00:00Z', agenda: 'Overleg SSRF', attendeeOrganisationIds: [] },
      });
      expect(meeting.errors).toBeUndefined();
      const policies = await loadPolicies(s.ds, config().policyDir);
      const settings = { ...config().webhooks, ...FAST, pollMs: 0 };
      // The list changed since (empty: any host), in production: localhost resolves to loopback, which is not sent to.
      const strict = startWebhookWorker(s.ds, policies, { ...settings, allowedHosts: [] }, { autostart: false, production: true });
      while ((await strict.runOnce()) > 0);
      const [refused] = await s.ds.query(`SELECT status, last_error FROM webhook_delivery ORDER BY created_at DESC LIMIT 1`);
      expect(refused).toMatchObject({ status: 'PENDING', last_error: 'ADDRESS_NOT_ALLOWED' });
      // A list without the name: the host is refused before any address is looked up.
      await s.ds.query(`UPDATE webhook_delivery SET next_attempt_at = now()`);
      const other = startWebhookWorker(s.ds, policies, { ...settings, allowedHosts: ['*.woongoed.example'] }, { autostart: false });
      while ((await other.runOnce()) > 0);
      expect((await s.ds.query(`SELECT last_error FROM webhook_delivery ORDER BY created_at DESC LIMIT 1`))[0].last_error).toBe('HOST_NOT_ALLOWED');
      expect(receiver.received).toEqual([]);
      // With the name on the list it is delivered.
      await s.ds.query(`UPDATE webhook_delivery SET next_attempt_at = now()`);
      const listed = startWebhookWorker(s.ds, policies, { ...settings, allowedHosts: ['localhost'] }, { autostart: false, production: true });
      while ((await listed.runOnce()) > 0);
      expect(receiver.received.length).toBeGreaterThan(0);
      expect((await s.ds.query(`SELECT status FROM webhook_delivery ORDER BY created_at DESC LIMIT 1`))[0].status).toBe('DELIVERED');
    } finally {
      await receiver.close();
      await s.stop();
    }
  }, 120_000);
});

describe('change feed: registration systems manage their webhooks with a scope', () => {
  test('a service account with scope webhooks:manage registers, lists and removes; without it MISSING_SCOPE', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-webhook-issuers-'));
    const key = await generateKeyPair('RS256', { extractable: true });
    fs.writeFileSync(path.join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(key.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] }));
    const file = path.join(dir, 'issuers.json');
    fs.writeFileSync(file, JSON.stringify([{
      issuer: 'https://idp.woongoed.example', audience: 'schakel-api', organisation: 'Woongoed Zeist', jwksFile: 'jwks.json',
      algorithms: ['RS256'], serviceAccounts: { 'huurdersysteem': ['cases:read', 'webhooks:manage'], 'rapportage': ['cases:read'] },
    }]));
    const s = await startTestServer({ issuers: await loadTrustedIssuers({ file, production: false }) });
    try {
      const [org] = await s.ds.query(`SELECT id FROM organisation WHERE name = 'Woongoed Zeist'`);
      await s.ds.query(`INSERT INTO member (login, name, organisation_id, function, roles) VALUES
        ('huurdersysteem', 'Huurdersysteem Woongoed', $1, 'registratiesysteem', '{SERVICE_ACCOUNT}'),
        ('rapportage', 'Rapportage Woongoed', $1, 'registratiesysteem', '{SERVICE_ACCOUNT}')`, [org.id]);
      const zeistId = (await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`))[0].id;
      const token = (client: string, scope: string) =>
        new SignJWT({ client_id: client, scope }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer('https://idp.woongoed.example')
          .setAudience('schakel-api').setSubject(client).setIssuedAt().setExpirationTime('5m').sign(key.privateKey);
      const call = async (client: string, scope: string, query: string, variables: Record<string, unknown> = {}) =>
        s.post({ query, variables }, { authorization: `Bearer ${await token(client, scope)}` });
      const input = { collaborationId: zeistId, url: 'https://huurders.woongoed.example/schakel', purpose: 'ENDING_NUISANCE' };
      const reg = await call('huurdersysteem', 'cases:read webhooks:manage', REGISTER, { input });
      expect(reg.errors).toBeUndefined();
      expect(reg.data!.registerWebhook.secret).toMatch(/^whsec_/);
      const list = await call('huurdersysteem', 'webhooks:manage', LIST);
      expect(list.data!.webhooks.map((w: any) => w.id)).toEqual([reg.data!.registerWebhook.id]);
      // The scope is not in the token, or not in the issuers file's allow-list for this account.
      for (const [client, scope] of [['huurdersysteem', 'cases:read'], ['rapportage', 'cases:read webhooks:manage']]) {
        const denied = await call(client, scope, REGISTER, { input });
        expect(denied.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MISSING_SCOPE', scope: 'webhooks:manage' });
      }
      const removed = await call('huurdersysteem', 'webhooks:manage', `mutation($id: ID!) { removeWebhook(id: $id) }`, { id: reg.data!.registerWebhook.id });
      expect(removed.data!.removeWebhook).toBe(true);
    } finally {
      await s.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
