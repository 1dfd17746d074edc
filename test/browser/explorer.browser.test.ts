/**
 * The Policy Explorer end to end in headless Chromium (Debian package `chromium`, driven by playwright-core,
 * which downloads nothing): privacy.zeist signs in with a development token, reads the Zeist matrix, explains
 * one field for woonconsulent.zeist on ZST-2026-001 and compares a version with itself. A screenshot goes to
 * test-artifacts/ (gitignored).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { signDevToken } from '../../src/auth/issuers';
import { startTestServer, type TestServer } from '../helpers/test-server';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '../../test-artifacts');

describe('Policy Explorer in a browser', () => {
  let s: TestServer;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`);
    s = await startTestServer();
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1600, height: 1200 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    await s?.stop();
  });

  test('[O5] privacy.zeist reads the Zeist matrix and sees why woonconsulent.zeist gets policeIncidents on ZST-2026-001', async () => {
    const offsite: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(s.url) && !r.url().startsWith('data:')) offsite.push(r.url()); });
    await page.goto(`${s.url}/explorer`);
    await page.fill('#token', await signDevToken('privacy.zeist'));
    await page.click('#connect');
    await page.waitForSelector('#whoami:has-text("privacy.zeist")');
    await page.waitForSelector('#version option:has-text("1.0.0 (active)")', { state: 'attached' });
    await page.selectOption('#collaboration', 'zeist');

    await page.click('#show-matrix');
    await page.waitForSelector('#matrix-table');
    expect(await page.textContent('#matrix-title')).toContain('zeist@1.0.0');
    const row = (category: string) => page.$$eval(`#matrix-table tr`, (trs, c) => trs.find((tr) => tr.querySelector('th')?.textContent === c)?.textContent ?? '', category);
    expect(await row('police.incidents')).toContain('CONDITIONAL');
    expect(await row('police.incidents')).toContain('ART20_GRANT');
    const header = await page.$$eval('#matrix-table tr:first-child th', (ths) => ths.map((th) => th.textContent));
    expect(header).toContain('WONINGCORPORATIEP');

    await page.fill('#persona', 'woonconsulent.zeist');
    await page.fill('#case', 'ZST-2026-001');
    await page.fill('#subject', 'ZST-P-0001');
    await page.selectOption('#field', 'policeIncidents');
    await page.selectOption('#purpose', 'ENDING_NUISANCE');
    await page.click('#explain');
    await page.waitForSelector('#checks');
    const result = (await page.textContent('#explain-result')) ?? '';
    expect(result).toContain('SubjectInformation.policeIncidents');
    expect(result).toContain('ALLOW');
    expect(result).toContain('Besluit art. 20 Wpg Zeist §4.1 d');
    expect(result).toContain('ART20_GRANT');
    expect(await page.$$eval('#checks td.failed', (tds) => tds.length)).toBe(0);
    expect(await page.textContent('#items')).toContain('shown');

    await page.click('#diff');
    await page.waitForSelector('#diff-result p');
    expect(await page.textContent('#diff-result')).toContain('no decision changes');
    expect(await page.textContent('#error')).toBe('');
    expect(offsite).toEqual([]);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'policy-explorer.png'), fullPage: true });
  });

  test('a member who is not a privacy officer sees FORBIDDEN on the page', async () => {
    await page.goto(`${s.url}/explorer`);
    await page.fill('#token', await signDevToken('woonconsulent.zeist'));
    await page.click('#connect');
    await page.waitForSelector('#error:has-text("FORBIDDEN")');
  });
});
