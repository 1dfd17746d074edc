import fc from 'fast-check';
import { CATEGORIES, type CategoryKey } from '../../src/domain/information/categories';
import { Sector } from '../../src/domain/organisation/sector';
import { decideCategory, decideSubject, itemFailure, itemVisible, type AccessFacts, type ItemFacts } from '../../src/policy/engine';
import type { CategoryPolicy, LoadedPolicy, PolicyDocument } from '../../src/policy/policy.types';

/** A small policy in the shape of Zeist's: police a–e to partners with an art. 20 grant. */
function policy(): LoadedPolicy {
  const categories = {} as Record<CategoryKey, CategoryPolicy>;
  for (const c of CATEGORIES) {
    const conditions: CategoryPolicy['grants'][number]['conditions'] = [];
    if (c.police) conditions.push('ART20_GRANT');
    if (c.key === 'police.special') conditions.push('POLICE_SPECIAL_IN_ADDITION');
    if (c.special) conditions.push('LEGAL_GROUND_RECORDED');
    conditions.push('NOT_PROVIDER_RESTRICTED');
    categories[c.key] = {
      fields: [`SubjectInformation.${c.field}`],
      article: `art. ${c.key}`,
      grants: [
        { name: 'partners', sectors: [Sector.GEMEENTE, Sector.WONINGCORPORATIE], participation: ['PARTNER'], purposes: ['NUISANCE'], conditions, article: 'test §1' },
        ...(c.police
          ? [{ name: 'police', sectors: [Sector.POLITIE], participation: ['PARTNER' as const], purposes: ['NUISANCE'],
              conditions: c.key === 'police.special' ? (['POLICE_SPECIAL_IN_ADDITION', 'LEGAL_GROUND_RECORDED'] as const).slice() : [], article: 'test §2' }]
          : [{ name: 'ad-hoc', sectors: [Sector.ZORG], participation: ['AD_HOC' as const], purposes: ['NUISANCE', 'CARE'], conditions: ['NOT_PROVIDER_RESTRICTED' as const, 'LEGAL_GROUND_RECORDED' as const], article: 'test §3' }]),
      ],
    };
  }
  const doc: PolicyDocument = {
    collaboration: 'test', version: '1.0.0', effectiveDate: '2026-01-01', title: 't',
    purposes: [{ key: 'NUISANCE', label: 'overlast', article: '§4 sub 2', police: true }, { key: 'CARE', label: 'zorg', article: 'x' }],
    rowScope: { rule: 'PARTICIPANTS', article: 'row' },
    categories,
  };
  return { file: 'test.policy.yaml', doc, text: '', hash: 'h', label: 'test@1.0.0', fieldCategory: new Map() };
}

const ORG = 'org-corp';
const decision = (over: Partial<{ revokedAt: Date | null; validUntil: string; categories: string[]; recipients: string[] }> = {}) => ({
  id: 'd1',
  categoriesGranted: over.categories ?? ['police.identity', 'police.contact', 'police.vehicles', 'police.incidents', 'police.priorityGroup', 'police.special'],
  recipientOrganisationIds: over.recipients ?? [ORG],
  validFrom: '2025-01-01',
  validUntil: over.validUntil ?? '2028-01-01',
  revokedAt: over.revokedAt ?? null,
});
const facts = (over: Partial<AccessFacts> = {}): AccessFacts => ({
  organisationId: ORG, organisationName: 'Corp', sector: Sector.WONINGCORPORATIE, roles: ['MEMBER'],
  participation: 'PARTNER', purpose: 'NUISANCE', art20: [decision()], now: new Date('2026-11-23T12:00:00Z'), ...over,
});

describe('access engine', () => {
  const p = policy();

  test('[O5] police data to a partner only while an art. 20 decision grants it, until Dutch midnight of its last day', () => {
    expect(decideCategory(p, facts(), 'police.incidents')).toMatchObject({ allowed: true, art20DecisionId: 'd1' });
    expect(decideCategory(p, facts({ art20: [decision({ revokedAt: new Date('2026-11-01') })] }), 'police.incidents')).toMatchObject({ allowed: false, reason: 'NO_ART20_GRANT' });
    expect(decideCategory(p, facts({ art20: [decision({ validUntil: '2026-11-23' })] }), 'police.incidents')).toMatchObject({ allowed: false, reason: 'NO_ART20_GRANT' });
    // A decision valid until 23 November ends at Dutch midnight: at 00:30 Dutch time (22 November, 23:30 UTC) it no longer grants.
    expect(decideCategory(p, facts({ now: new Date('2026-11-22T23:30:00Z'), art20: [decision({ validUntil: '2026-11-23' })] }), 'police.incidents').reason).toBe('NO_ART20_GRANT');
    expect(decideCategory(p, facts({ now: new Date('2026-11-22T22:30:00Z'), art20: [decision({ validUntil: '2026-11-23' })] }), 'police.incidents').allowed).toBe(true);
    expect(decideCategory(p, facts({ art20: [decision({ recipients: ['other'] })] }), 'police.incidents').reason).toBe('NO_ART20_GRANT');
    expect(decideCategory(p, facts({ art20: [decision({ categories: ['police.identity'] })] }), 'police.incidents').reason).toBe('NO_ART20_GRANT');
  });

  test('[O8] ad-hoc participants never get police data; [O6] non-participants nothing', () => {
    const adHoc = facts({ sector: Sector.ZORG, participation: 'AD_HOC' });
    expect(decideCategory(p, adHoc, 'police.identity').reason).toBe('AD_HOC_NO_POLICE_DATA');
    expect(decideCategory(p, adHoc, 'person.identity').allowed).toBe(true);
    expect(decideCategory(p, facts({ participation: null }), 'housing').reason).toBe('NOT_PARTICIPANT');
  });

  test('[O11] no purpose, an unknown purpose or a purpose outside the grant gives nothing', () => {
    expect(decideCategory(p, facts({ purpose: null }), 'housing').reason).toBe('NO_PURPOSE');
    expect(decideCategory(p, facts({ purpose: 'MARKETING' }), 'housing').reason).toBe('NO_PURPOSE');
    expect(decideCategory(p, facts({ purpose: 'CARE' }), 'housing').reason).toBe('PURPOSE_NOT_ALLOWED');
  });

  test('[O7] police.special only in addition to another police category of the same subject', () => {
    const item = (category: string): ItemFacts & { category: string } => ({
      category, providerOrganisationId: 'police', sharingRestriction: 'NONE', informedStatus: 'INFORMED', consentStatus: 'GIVEN', legalGround: 'art. 20 Wpg',
    });
    const alone = decideSubject(p, facts(), [item('police.special')]);
    expect(alone.decisions.get('police.special')).toMatchObject({ allowed: false, reason: 'SPECIAL_NOT_IN_ADDITION' });
    const withOther = decideSubject(p, facts(), [item('police.special'), item('police.incidents')]);
    expect(withOther.decisions.get('police.special')?.allowed).toBe(true);
    expect(withOther.visible.get('police.special')).toHaveLength(1);
  });

  test('[O14] a provider-restricted item is withheld from others but not from its provider', () => {
    const d = decideCategory(p, facts(), 'housing');
    const restricted = { providerOrganisationId: 'welzijn', sharingRestriction: 'PROVIDER_ONLY', informedStatus: 'INFORMED', consentStatus: 'GIVEN', legalGround: null };
    expect(itemVisible(d, restricted, ORG)).toBe(false);
    expect(itemVisible(d, { ...restricted, providerOrganisationId: ORG }, ORG)).toBe(true);
    expect(itemVisible(d, { ...restricted, sharingRestriction: 'NONE' }, ORG)).toBe(true);
  });

  test('[O34] an item restricted at the subject\'s request (AVG 18) is withheld from every other party, whatever the grant', () => {
    const d = decideCategory(p, facts(), 'housing');
    const open = { providerOrganisationId: 'welzijn', sharingRestriction: 'NONE', informedStatus: 'INFORMED', consentStatus: 'GIVEN', legalGround: 'x' };
    expect(itemVisible(d, open, ORG)).toBe(true);
    expect(itemVisible(d, { ...open, restrictedAt: new Date('2026-11-24T10:00:00Z') }, ORG)).toBe(false);
    expect(itemFailure([], { ...open, restrictedAt: new Date('2026-11-24T10:00:00Z') })).toBe('RESTRICTED');
    expect(itemVisible(d, { ...open, restrictedAt: new Date('2026-11-24T10:00:00Z'), providerOrganisationId: ORG }, ORG)).toBe(true);
  });

  test('[O17] special categories only with a recorded legal ground', () => {
    const d = decideCategory(p, facts(), 'care');
    const base = { providerOrganisationId: 'zorg', sharingRestriction: 'NONE', informedStatus: 'INFORMED', consentStatus: 'GIVEN' };
    expect(itemVisible(d, { ...base, legalGround: null }, ORG)).toBe(false);
    expect(itemVisible(d, { ...base, legalGround: 'AVG art. 9 lid 2 h' }, ORG)).toBe(true);
  });

  test('every decision names the policy version and traces its checks with articles', () => {
    const d = decideCategory(p, facts(), 'police.incidents');
    expect(d.policy).toBe('test@1.0.0');
    expect(d.trace.map((t) => t.check)).toEqual(['PARTICIPATION', 'NO_POLICE_DATA_TO_AD_HOC', 'PURPOSE_STATED', 'GRANT', 'PURPOSE_ALLOWED', 'ART20_GRANT']);
    expect(d.trace.every((t) => t.article.length > 0)).toBe(true);
  });

  test('[O5] [O6] [O8] [O11] property: whatever the facts, the hard rules hold', () => {
    const categoryArb = fc.constantFrom(...CATEGORIES.map((c) => c.key));
    const factsArb = fc.record({
      sector: fc.constantFrom(...Object.values(Sector)),
      participation: fc.constantFrom('PARTNER' as const, 'AD_HOC' as const, null),
      purpose: fc.constantFrom('NUISANCE', 'CARE', 'MARKETING', null),
      revoked: fc.boolean(),
      expired: fc.boolean(),
    });
    fc.assert(
      fc.property(factsArb, categoryArb, (f, category) => {
        const d = decideCategory(p, facts({
          sector: f.sector, participation: f.participation, purpose: f.purpose,
          art20: [decision({ revokedAt: f.revoked ? new Date('2026-01-01') : null, validUntil: f.expired ? '2026-06-01' : '2028-01-01' })],
        }), category);
        const police = category.startsWith('police.');
        if (d.allowed) {
          expect(f.participation).not.toBeNull(); // O6
          expect(f.purpose === 'NUISANCE' || f.purpose === 'CARE').toBe(true); // O11
          if (police) {
            expect(f.participation).toBe('PARTNER'); // O8
            if (f.sector !== Sector.POLITIE) expect(f.revoked || f.expired).toBe(false); // O5
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('viewing before a case meeting (O18)', () => {
  const item = (sharingRestriction: string, viewableBeforeMeeting?: boolean, meetingStarted?: boolean): ItemFacts => ({
    providerOrganisationId: 'p', sharingRestriction, informedStatus: 'INFORMED', consentStatus: 'GIVEN', legalGround: null,
    viewableBeforeMeeting, meetingStarted,
  });
  test('[O18] an item its provider did not let others view before the meeting is viewable from the meeting on', () => {
    expect(itemFailure(['NOT_PROVIDER_RESTRICTED'], item('NONE', false))).toBe('PROVIDER_RESTRICTED');
    expect(itemFailure(['NOT_PROVIDER_RESTRICTED'], item('NONE', false, false))).toBe('PROVIDER_RESTRICTED');
    expect(itemFailure(['NOT_PROVIDER_RESTRICTED'], item('NONE', false, true))).toBeNull();
    expect(itemFailure(['NOT_PROVIDER_RESTRICTED'], item('NONE', true, false))).toBeNull();
    expect(itemFailure(['NOT_PROVIDER_RESTRICTED'], item('NONE'))).toBeNull();
    // [O14] a restriction is not lifted by a meeting.
    expect(itemFailure(['NOT_PROVIDER_RESTRICTED'], item('CASE_MEETING_ONLY', true, true))).toBe('PROVIDER_RESTRICTED');
  });
});
