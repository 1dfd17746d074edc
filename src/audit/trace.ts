import { randomBytes } from 'node:crypto';

/** W3C trace context of one request: the caller's trace is continued when it sends a valid `traceparent`. */
export interface TraceContext {
  traceId: string;
  /** The span of this request; each disclosure record is a child span of it. */
  spanId: string;
  /** The caller's span, when it sent one. */
  parentSpanId: string | null;
  startTime: Date;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** `n` span ids from one draw of random bytes. */
export function newSpanIds(n: number): string[] {
  const hex = randomBytes(8 * n).toString('hex');
  return Array.from({ length: n }, (_, i) => hex.slice(16 * i, 16 * i + 16));
}
export const newSpanId = (): string => newSpanIds(1)[0];

export function traceFrom(traceparent: string | undefined, now = new Date()): TraceContext {
  const m = TRACEPARENT.exec(traceparent?.trim().toLowerCase() ?? '');
  const valid = m && !/^0+$/.test(m[1]) && !/^0+$/.test(m[2]);
  return {
    traceId: valid ? m[1] : randomBytes(16).toString('hex'),
    spanId: newSpanId(),
    parentSpanId: valid ? m[2] : null,
    startTime: now,
  };
}

export const traceparentOf = (t: TraceContext) => `00-${t.traceId}-${t.spanId}-01`;
