import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signing of webhook deliveries (issue 10, item 3). Each POST carries
 *
 *   Schakel-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of `${t}.${raw body}` with the subscription's secret>
 *   Schakel-Event-Id:  <the event's uuid: the dedup key>
 *
 * A receiver recomputes the HMAC over the raw body it received, compares in constant time and refuses a
 * timestamp outside its tolerance (replay). No dependencies: examples/ reuse the same recipe.
 */
export const SIGNATURE_HEADER = 'schakel-signature';
export const EVENT_ID_HEADER = 'schakel-event-id';

export function signPayload(secret: string, body: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/**
 * Verify a Schakel-Signature header against the raw body: true when one v1 signature matches and the
 * timestamp is within `toleranceSeconds` of `now` (default 300 s).
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string | undefined,
  opts: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t)) return false;
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'), 'hex');
  return parts
    .filter(([k, v]) => k === 'v1' && typeof v === 'string' && /^[0-9a-f]{64}$/.test(v))
    .some(([, v]) => timingSafeEqual(Buffer.from(v, 'hex'), expected));
}
