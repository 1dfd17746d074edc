import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * Where webhooks may be sent (docs/security.md, SSRF). `allowedHosts` (SCHAKEL_WEBHOOK_ALLOWED_HOSTS): when
 * not empty, only these hosts — `hooks.partner.nl` (that name), `*.partner.nl` (any name under it), an IP
 * address, or a network `10.20.0.0/16` (an address resolved into it). Whatever the list, some addresses are
 * never sent to: unspecified, link-local (cloud metadata services live at 169.254.169.254) and multicast; and
 * loopback only outside production, or where the list names it.
 */
export interface EgressRules {
  allowedHosts: readonly string[];
  production: boolean;
}

/** Why a host or address is refused: the code a registration's error or a delivery's `lastError` carries. */
export type EgressRefusal = 'HOST_NOT_ALLOWED' | 'ADDRESS_NOT_ALLOWED';

const NEVER = new net.BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('224.0.0.0', 4, 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');
const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** An address as BlockList checks it: an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) as the IPv4 one. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1], family: 'ipv4' };
  return { address, family: net.isIPv4(address) ? 'ipv4' : 'ipv6' };
}

/** A URL's host as compared: lower case, IPv6 without brackets. */
const bare = (hostname: string) => hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');

interface Compiled {
  names: Set<string>;
  suffixes: string[];
  networks: net.BlockList;
  any: boolean;
}
const compiledRules = new WeakMap<EgressRules, Compiled>();

/** Thrown for an allow-list entry that is none of the four forms (the server then does not start). */
function compile(rules: EgressRules): Compiled {
  let c = compiledRules.get(rules);
  if (c) return c;
  c = { names: new Set(), suffixes: [], networks: new net.BlockList(), any: rules.allowedHosts.length === 0 };
  for (const raw of rules.allowedHosts) {
    const entry = bare(raw.trim());
    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    if (cidr && net.isIP(cidr[1])) {
      const { address, family } = normalise(cidr[1]);
      c.networks.addSubnet(address, Number(cidr[2]), family);
    } else if (net.isIP(entry)) {
      const { address, family } = normalise(entry);
      c.networks.addAddress(address, family);
    } else if (/^\*\.[a-z0-9.-]+$/.test(entry)) {
      c.suffixes.push(entry.slice(1));
    } else if (/^[a-z0-9.-]+$/.test(entry)) {
      c.names.add(entry);
    } else {
      throw new Error(`SCHAKEL_WEBHOOK_ALLOWED_HOSTS: "${raw}" is not a host name, *.domain, IP address or network (a.b.c.d/n)`);
    }
  }
  compiledRules.set(rules, c);
  return c;
}

/** Check the allow-list's entries (at start-up: a server with a malformed list does not start). */
export function checkEgressRules(rules: EgressRules): void {
  compile(rules);
}

/** Whether the list names this host (a name or a name under a `*.` entry); an IP host is judged by its address. */
function namedByList(hostname: string, c: Compiled): boolean {
  const h = bare(hostname);
  return c.names.has(h) || c.suffixes.some((s) => h.endsWith(s) && h.length > s.length);
}

/** Whether a host may be sent to at all, before any address is known. */
export function hostRefusal(hostname: string, rules: EgressRules): EgressRefusal | null {
  const c = compile(rules);
  const h = bare(hostname);
  if (net.isIP(h)) return addressRefusal(h, false, rules);
  return c.any || namedByList(h, c) ? null : 'HOST_NOT_ALLOWED';
}

/** Whether an address may be connected to; `named`: the host's name is on the list. */
export function addressRefusal(raw: string, named: boolean, rules: EgressRules): EgressRefusal | null {
  const c = compile(rules);
  const { address, family } = normalise(raw);
  if (NEVER.check(address, family)) return 'ADDRESS_NOT_ALLOWED';
  const listed = c.networks.check(address, family);
  if (LOOPBACK.check(address, family) && rules.production && !listed && !named) return 'ADDRESS_NOT_ALLOWED';
  if (!c.any && !named && !listed) return 'HOST_NOT_ALLOWED';
  return null;
}

class EgressError extends Error {
  constructor(readonly code: EgressRefusal) {
    super(code);
  }
}

/**
 * POST `body` to `url` under the rules: the host is checked first, and every address the name resolves to is
 * checked as the connection is made (so a name cannot be re-pointed at a forbidden address after a check).
 * Redirects are not followed; the response body is read and dropped. Resolves to the HTTP status, or rejects
 * with an error whose `code` says why (EgressRefusal, or the socket's code such as ECONNREFUSED).
 */
export function postUnderRules(url: string, headers: Record<string, string>, body: string, timeoutMs: number, rules: EgressRules): Promise<number> {
  const u = new URL(url);
  const refused = hostRefusal(u.hostname, rules);
  if (refused) return Promise.reject(new EgressError(refused));
  const named = namedByList(u.hostname, compile(rules));
  const lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return (callback as (e: Error) => void)(err);
      const list = addresses as unknown as dns.LookupAddress[];
      const bad = list.map((a) => addressRefusal(a.address, named, rules)).find((r) => r !== null);
      if (bad || !list.length) return (callback as (e: Error) => void)(new EgressError(bad ?? 'ADDRESS_NOT_ALLOWED'));
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
  const send = u.protocol === 'https:' ? https.request : http.request;
  return new Promise<number>((resolve, reject) => {
    const req = send(
      u,
      { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, lookup, signal: AbortSignal.timeout(timeoutMs) },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
