import type { Context } from '../../server/context.js';
import { myCollaboration, subjectOf } from './rights.service.js';

/*
 * The access report for a data subject (AVG 15, O34): everything held about the subject in the
 * collaboration, per category and provider, every disclosure from the log that gave a recipient something
 * (recipients, dates, purposes; also of cases since removed by retention) and every disclosure to third parties. Contents are shown only of the items the officer's own organisation
 * provided: each party gives the copy of its own data (the provider decides on its information, O14).
 */

export interface Holding {
  category: string; providerOrganisationName: string; itemCount: number; restrictedCount: number;
  firstProvidedAt: Date; lastProvidedAt: Date; ownContents: string[] | null;
}
export interface ReportDisclosure { at: Date; recipientOrganisationName: string; caseReference: string; purpose: string | null; categories: string[]; legalGround: string | null }
export interface ReportThirdParty { at: Date; organisationName: string; thirdParty: string; ground: string; categories: string[] }
export interface AccessReport {
  subjectPseudonym: string; collaborationName: string; generatedAt: Date; requestedByOrganisationName: string;
  holdings: Holding[]; disclosures: ReportDisclosure[]; thirdPartyDisclosures: ReportThirdParty[]; text: string;
}

/** The case reference shown for a disclosure whose case has since been removed (retention, O30): the log keeps only its id. */
export const REMOVED_CASE = 'niet meer bewaard';

export async function accessReport(ctx: Context, collaborationId: string, pseudonym: string): Promise<AccessReport> {
  const col = await myCollaboration(ctx, collaborationId);
  const subjectId = await subjectOf(ctx, col.id, pseudonym);
  const me = ctx.principal.organisationId;
  const [items, disclosures, third, [{ name: myName }]] = await Promise.all([
    ctx.system.query(
      `SELECT i.category, i.provider_organisation_id AS provider, o.name AS "providerName", i.content, i.provided_at AS "providedAt",
              i.restricted_at AS "restrictedAt"
         FROM information_item i JOIN "case" c ON c.id = i.case_id JOIN organisation o ON o.id = i.provider_organisation_id
        WHERE i.subject_id = $1 AND c.collaboration_id = $2 ORDER BY i.category, o.name, i.provided_at`,
      [subjectId, col.id],
    ) as Promise<any[]>,
    // Only what a recipient received: a record with at least one disclosed category (not one where everything
    // was denied), and not one of which every item came from the recipient's own organisation (an item since
    // erased counts as another's). The log keeps its records after a case is removed by retention (O12): the
    // case is joined only for its reference, which the log itself does not carry.
    ctx.system.query(
      `SELECT d.start_time AS at, o.name AS "recipientOrganisationName", COALESCE(c.reference, $3) AS "caseReference", d.purpose,
              d.categories_disclosed AS categories, d.legal_ground AS "legalGround"
         FROM disclosure_log d JOIN organisation o ON o.id = d.recipient_organisation_id LEFT JOIN "case" c ON c.id = d.case_id
        WHERE d.subject_id = $1 AND d.collaboration_id = $2 AND cardinality(d.categories_disclosed) > 0
          AND EXISTS (SELECT 1 FROM unnest(d.item_ids) x(id) WHERE NOT EXISTS (
                SELECT 1 FROM information_item i WHERE i.id = x.id AND i.provider_organisation_id = d.recipient_organisation_id))
        ORDER BY d.seq`,
      [subjectId, col.id, REMOVED_CASE],
    ) as Promise<ReportDisclosure[]>,
    ctx.system.query(
      `SELECT t.disclosed_at AS at, o.name AS "organisationName", t.third_party AS "thirdParty", t.ground, t.categories
         FROM third_party_disclosure t JOIN organisation o ON o.id = t.organisation_id
        WHERE t.subject_id = $1 AND t.collaboration_id = $2 ORDER BY t.disclosed_at`,
      [subjectId, col.id],
    ) as Promise<ReportThirdParty[]>,
    ctx.system.query(`SELECT name FROM organisation WHERE id = $1`, [me]) as Promise<{ name: string }[]>,
  ]);
  const holdings = new Map<string, Holding>();
  for (const i of items) {
    const key = `${i.category}\u0000${i.providerName}`;
    const h: Holding = holdings.get(key) ?? {
      category: i.category, providerOrganisationName: i.providerName, itemCount: 0, restrictedCount: 0,
      firstProvidedAt: i.providedAt, lastProvidedAt: i.providedAt, ownContents: i.provider === me ? [] : null,
    };
    h.itemCount++;
    if (i.restrictedAt) h.restrictedCount++;
    h.lastProvidedAt = i.providedAt;
    h.ownContents?.push(i.content);
    holdings.set(key, h);
  }
  const report = {
    subjectPseudonym: pseudonym, collaborationName: col.name, generatedAt: ctx.now, requestedByOrganisationName: myName,
    holdings: [...holdings.values()], disclosures, thirdPartyDisclosures: third, text: '',
  };
  report.text = printable(report);
  return report;
}

const day = (d: Date) => new Date(d).toISOString().slice(0, 16).replace('T', ' ');

/** The printable document (plain text, UTF-8): to hand to the subject. */
function printable(r: AccessReport): string {
  const lines = [
    `Inzageoverzicht (AVG art. 15) — ${r.collaborationName}`,
    `Betrokkene: ${r.subjectPseudonym}`,
    `Opgesteld: ${day(r.generatedAt)} UTC door ${r.requestedByOrganisationName}`,
    '',
    'A. Gegevens per categorie en verstrekker',
    ...(r.holdings.length ? [] : ['  (geen)']),
    ...r.holdings.flatMap((h) => [
      `  - ${h.category} — ${h.providerOrganisationName}: ${h.itemCount} gegeven(s), ${day(h.firstProvidedAt)} t/m ${day(h.lastProvidedAt)}` +
        (h.restrictedCount ? `, waarvan ${h.restrictedCount} beperkt (AVG 18)` : ''),
      ...(h.ownContents ?? [`      (afschrift verstrekt door ${h.providerOrganisationName})`]).map((c) => (h.ownContents ? `      · ${c}` : c)),
    ]),
    '',
    'B. Verstrekkingen binnen het samenwerkingsverband (ontvanger, datum, doel)',
    ...(r.disclosures.length ? [] : ['  (geen)']),
    ...r.disclosures.map((d) => `  - ${day(d.at)} aan ${d.recipientOrganisationName} (casus ${d.caseReference}), doel ${d.purpose ?? '—'}: ${d.categories.join(', ')}` +
      (d.legalGround ? `; grondslag ${d.legalGround}` : '')),
    '',
    'C. Verstrekkingen aan derden',
    ...(r.thirdPartyDisclosures.length ? [] : ['  (geen)']),
    ...r.thirdPartyDisclosures.map((t) => `  - ${day(t.at)} door ${t.organisationName} aan ${t.thirdParty} (${t.ground}): ${t.categories.join(', ')}`),
  ];
  return `${lines.join('\n')}\n`;
}
