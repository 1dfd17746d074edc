import { addressRefusal, checkEgressRules, hostRefusal, type EgressRules } from '../../src/domain/webhook/webhook-egress';
import { checkWebhookUrl } from '../../src/domain/webhook/webhook.service';

const any = (production: boolean): EgressRules => ({ allowedHosts: [], production });
const listed: EgressRules = { allowedHosts: ['hooks.woongoed.example', '*.gemeente-zeist.example', '10.20.0.0/16', '192.0.2.7'], production: true };

describe('webhook egress rules (SSRF)', () => {
  test('never: unspecified, link-local (cloud metadata) and multicast addresses, also IPv4-mapped, whatever the list', () => {
    for (const a of ['0.0.0.0', '169.254.169.254', '224.0.0.1', '::', 'fe80::1', 'ff02::1', '::ffff:169.254.169.254']) {
      expect([a, addressRefusal(a, true, any(false))]).toEqual([a, 'ADDRESS_NOT_ALLOWED']);
    }
    expect(hostRefusal('[fe80::1]', any(false))).toBe('ADDRESS_NOT_ALLOWED');
  });

  test('loopback: allowed outside production; in production only where the list names it', () => {
    expect(addressRefusal('127.0.0.1', false, any(false))).toBeNull();
    expect(addressRefusal('127.0.0.1', false, any(true))).toBe('ADDRESS_NOT_ALLOWED');
    expect(addressRefusal('::1', false, any(true))).toBe('ADDRESS_NOT_ALLOWED');
    expect(addressRefusal('127.0.0.1', true, any(true))).toBeNull(); // its name is on the list
    expect(addressRefusal('127.0.0.1', false, { allowedHosts: ['127.0.0.0/8'], production: true })).toBeNull();
  });

  test('no list: any other host and address; a list: only its names, *.domains, addresses and networks', () => {
    expect(hostRefusal('huurders.woongoed.example', any(true))).toBeNull();
    expect(addressRefusal('10.1.2.3', false, any(true))).toBeNull();
    expect(hostRefusal('hooks.woongoed.example', listed)).toBeNull();
    expect(hostRefusal('HOOKS.Woongoed.example', listed)).toBeNull();
    expect(hostRefusal('other.woongoed.example', listed)).toBe('HOST_NOT_ALLOWED');
    expect(hostRefusal('api.gemeente-zeist.example', listed)).toBeNull();
    expect(hostRefusal('gemeente-zeist.example', listed)).toBe('HOST_NOT_ALLOWED');
    expect(hostRefusal('evilgemeente-zeist.example', listed)).toBe('HOST_NOT_ALLOWED');
    expect(hostRefusal('10.20.3.4', listed)).toBeNull();
    expect(hostRefusal('10.21.0.1', listed)).toBe('HOST_NOT_ALLOWED');
    expect(hostRefusal('192.0.2.7', listed)).toBeNull();
    // A name on the list may resolve anywhere but to the never-addresses; an address of an unlisted name must be listed.
    expect(addressRefusal('203.0.113.9', true, listed)).toBeNull();
    expect(addressRefusal('203.0.113.9', false, listed)).toBe('HOST_NOT_ALLOWED');
    expect(addressRefusal('169.254.169.254', true, listed)).toBe('ADDRESS_NOT_ALLOWED');
  });

  test('registration refuses such URLs as BAD_USER_INPUT naming url; a malformed list entry stops the server from starting', () => {
    expect(() => checkWebhookUrl('http://169.254.169.254/latest', any(false))).toThrow(/never sent to this address/);
    expect(() => checkWebhookUrl('https://intranet.example/hook', listed)).toThrow(/not on the webhook allow-list/);
    expect(checkWebhookUrl(' https://hooks.woongoed.example/schakel ', listed)).toBe('https://hooks.woongoed.example/schakel');
    try {
      checkWebhookUrl('http://127.0.0.1:8080/hook', any(true));
      throw new Error('not refused');
    } catch (e) {
      expect((e as { extensions?: unknown }).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    }
    expect(() => checkEgressRules({ allowedHosts: ['http://hooks.example/x'], production: true })).toThrow(/SCHAKEL_WEBHOOK_ALLOWED_HOSTS/);
    expect(() => checkEgressRules({ allowedHosts: ['*.example', '::1', 'fd00::/8'], production: true })).not.toThrow();
  });
});
