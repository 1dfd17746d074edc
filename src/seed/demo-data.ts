/**
 * Demo data of the four collaborations in ../shared/seeds (see ../shared/docs/domain.md).
 *
 * Organisation names, agreements, their terms and the Besluit art. 20 Wpg come from the seed texts.
 * Everything about people (members, subjects, information, meetings) is FICTIONAL. Where a seed leaves a
 * value open (signing dates, the Walcheren care providers, representatives "[naam, functie]"), the value
 * here is invented and marked as such. Deterministic: fixed dates only, no randomness.
 */
import type { EntityManager } from 'typeorm';
import { CollaborationEntity } from '../domain/collaboration/collaboration.entity.js';
import { OrganisationEntity } from '../domain/organisation/organisation.entity.js';
import { Sector } from '../domain/organisation/sector.js';
import {
  AccessionApprovalEntity,
  AccessionRequestEntity,
  AccessionStatus,
  AgreementEntity,
  AgreementEvaluationEntity,
  AgreementStatus,
  AmendmentProcedure,
  Art20DecisionEntity,
  PartyEntity,
} from '../domain/agreement/agreement.entity.js';
import { MemberEntity, MemberRole } from '../domain/member/member.entity.js';
import { CaseEntity, CaseKind, CaseParticipantEntity, CasePhase, LifeDomain, ParticipantRole } from '../domain/case/case.entity.js';
import { CaseSubjectEntity, SubjectEntity } from '../domain/subject/subject.entity.js';
import { ConsentStatus, InformationItemEntity, InformationKind, InformedStatus, SharingRestriction } from '../domain/information/information.entity.js';
import { CATEGORY_KEYS, type CategoryKey } from '../domain/information/categories.js';
import { ActionItemEntity, ActionPlanEntity, CaseMeetingEntity, InterventionEntity } from '../domain/meeting/meeting.entity.js';

const { GEMEENTE, POLITIE, WONINGCORPORATIE, WELZIJN, ZORG, OM, RECLASSERING, JEUGDBESCHERMING, GGD_VEILIG_THUIS, OTHER } = Sector;
const { WONEN, FINANCIEN, GEZONDHEID, MEEDOEN, VEILIGHEID, ZELFREDZAAMHEID } = LifeDomain;
const { MEMBER, PROCESS_DIRECTOR, COORDINATOR, PRIVACY_OFFICER, POLICE_OFFICER, STEERING_GROUP, POLICE_CHIEF } = MemberRole;

type Slug = 'dewolden' | 'zvhd' | 'zeist' | 'walcheren';

// ---------------------------------------------------------------------------------------------------------
// Collaborations
// ---------------------------------------------------------------------------------------------------------
const COLLABORATIONS: { slug: Slug; name: string; region: string; purpose: string }[] = [
  {
    slug: 'dewolden',
    name: 'Buurtteams De Wolden',
    region: 'Gemeente De Wolden (Drenthe)',
    purpose:
      'Leefbaarheid in wijken en dorpen: kwetsbare inwoners tijdig in beeld, collectieve problematiek (woonoverlast, ' +
      'leefbaarheid, dorpsvisies) gezamenlijk aanpakken, zodat niemand tussen wal en schip valt (convenant art. 2 en 4).',
  },
  {
    slug: 'zvhd',
    name: 'Zorg- en Veiligheidshuis Drenthe',
    region: 'Provincie Drenthe (12 gemeenten)',
    purpose:
      'Complexe zorg- en veiligheidsproblemen onder eenduidige regie aanpakken: algemene veiligheid, verbeteren van de ' +
      'persoonlijke situatie, voorkomen van recidive, ernstige overlast, criminaliteit en maatschappelijke uitval (art. 2.1).',
  },
  {
    slug: 'zeist',
    name: 'Wijkgericht Werken Zeist',
    region: 'Gemeente Zeist',
    purpose:
      'Bevorderen van leefbaarheid en sociale cohesie in de wijk, aanpak van ernstige overlast en signaleren van dringende ' +
      'behoeften aan hulp en ondersteuning van inwoners (Privacyregeling Wijkoverleg Zeist art. 2).',
  },
  {
    slug: 'walcheren',
    name: 'Weer Thuis op Walcheren',
    region: 'Walcheren (Middelburg, Vlissingen, Veere)',
    purpose:
      'Passende ondersteuning en zelfstandig wonen voor mensen die uitstromen uit beschermd wonen, maatschappelijke ' +
      'opvang en jeugdzorg met verblijf, met een Team Thuis per cliënt (convenant januari 2024).',
  },
];

// ---------------------------------------------------------------------------------------------------------
// Organisations (names unique; a row is reused when one organisation is party in two collaborations)
// ---------------------------------------------------------------------------------------------------------
const ORGS = {
  // De Wolden — samenwerkingsconvenant 000, privacyconvenant 001 art. 2.1
  dwWelzijn: { name: 'Welzijn De Wolden', sector: WELZIJN, address: 'Zuideresweg 1a, Zuidwolde' },
  dwPolitie: { name: 'Politie basisteam Zuidwest Drenthe', sector: POLITIE, address: 'Griendtsveenweg 5, Hoogeveen' },
  dwActium: { name: 'Woningcorporatie Actium', sector: WONINGCORPORATIE, address: 'Portugallaan 10, Assen' },
  dwGemeente: { name: 'Gemeente De Wolden', sector: GEMEENTE, address: 'Zuidwolde' },
  // Fictional: an organisation that asked to accede to the De Wolden convenant (art. 15); no party yet.
  dwThuiszorg: { name: 'Thuiszorg De Wolden (fictief)', sector: ZORG, address: 'Zuidwolde' },
  // ZVHD — seed 002, "De ondergetekenden" (a subset of the 12 municipalities and the ketenpartners)
  zvhdHuis: { name: 'Zorg- en Veiligheidshuis Drenthe', sector: OTHER, address: 'Mien Ruysweg 1, Assen' },
  gmAssen: { name: 'Gemeente Assen', sector: GEMEENTE, address: 'Assen' },
  gmEmmen: { name: 'Gemeente Emmen', sector: GEMEENTE, address: 'Emmen' },
  gmMeppel: { name: 'Gemeente Meppel', sector: GEMEENTE, address: 'Meppel' },
  gmHoogeveen: { name: 'Gemeente Hoogeveen', sector: GEMEENTE, address: 'Hoogeveen' },
  politieNN: { name: 'Nationale Politie, Regionale Eenheid Noord-Nederland', sector: POLITIE, address: 'Groningen' },
  omNN: { name: 'Openbaar Ministerie – arrondissement Noord-Nederland', sector: OM, address: 'Assen' },
  reclassering: { name: 'Reclassering Nederland, regio Midden-Noord', sector: RECLASSERING, address: 'Assen' },
  ggzDrenthe: { name: 'St. GGZ Drenthe', sector: ZORG, address: 'Assen' },
  ggdDrenthe: { name: 'Gemeenschappelijke Gezondheidsdienst Drenthe (GGD) / Veilig Thuis Drenthe', sector: GGD_VEILIG_THUIS, address: 'Assen' },
  jbNoord: { name: 'Jeugdbescherming Noord & Veilig Thuis Groningen', sector: JEUGDBESCHERMING, address: 'Groningen' },
  ldhNoord: { name: 'St. Leger des Heils Welzijns- en Gezondheidszorg Noord', sector: ZORG, address: 'Assen' },
  meeDrenthe: { name: 'Stichting MEE Drenthe', sector: WELZIJN, address: 'Assen' },
  cosis: { name: 'Cosis', sector: ZORG, address: 'Assen' },
  // Zeist — seed 003. The municipality signs for its units CJG, Sociaal Team and Toezicht en Handhaving;
  // they are separate rows here because CJG and Sociaal Team have a care relationship (consent, art. 9).
  zstGemeente: { name: 'Gemeente Zeist', sector: GEMEENTE, address: 'Zeist' },
  zstCjg: { name: 'Gemeente Zeist – Centrum voor Jeugd en Gezin', sector: GEMEENTE, address: 'Zeist' },
  zstSociaalTeam: { name: 'Gemeente Zeist – Sociaal Team', sector: GEMEENTE, address: 'Zeist' },
  zstToezicht: { name: 'Gemeente Zeist – Toezicht en Handhaving', sector: GEMEENTE, address: 'Zeist' },
  zstPolitie: { name: 'Politie Midden-Nederland', sector: POLITIE, address: 'Basisteam Zeist/Bunnik/Leusden/Woudenberg, Zeist' },
  zstRkwbv: { name: 'RK Woningbouwvereniging Zeist', sector: WONINGCORPORATIE, address: 'Zeist' },
  zstWoongoed: { name: 'Woongoed Zeist', sector: WONINGCORPORATIE, address: 'Zeist' },
  zstMeander: { name: 'Stichting MeanderOmnium', sector: WELZIJN, address: 'Zeist' },
  // Fictional: the agendadeelnemer (not a party to the agreement).
  zstHuisarts: { name: 'Huisartsenpraktijk Lindenhof Zeist (fictief)', sector: ZORG, address: 'Zeist' },
  // Walcheren — seed 004. The care providers are left as "[naam zorgaanbieder]" in the seed: fictional here.
  gmMiddelburg: { name: 'Gemeente Middelburg', sector: GEMEENTE, address: 'Middelburg' },
  gmVlissingen: { name: 'Gemeente Vlissingen', sector: GEMEENTE, address: 'Vlissingen' },
  gmVeere: { name: 'Gemeente Veere', sector: GEMEENTE, address: 'Domburg' },
  lescaut: { name: "L'Escaut Woonservice", sector: WONINGCORPORATIE, address: 'Hermesweg 13, Vlissingen' },
  woongoedMbg: { name: 'Woongoed Middelburg', sector: WONINGCORPORATIE, address: 'Segeersingel 6, Middelburg' },
  zeeuwland: { name: 'Zeeuwland', sector: WONINGCORPORATIE, address: 'Kerkhof 1, Zierikzee' },
  wbvArnemuiden: { name: 'WBV Arnemuiden', sector: WONINGCORPORATIE, address: 'Dokstraat 4A, Arnemuiden' },
  wtwBw: { name: 'Zorgaanbieder Beschermd Wonen Walcheren (fictief)', sector: ZORG, address: 'Middelburg' },
  wtwMo: { name: 'Zorgaanbieder Maatschappelijke Opvang Walcheren (fictief)', sector: ZORG, address: 'Vlissingen' },
} satisfies Record<string, { name: string; sector: Sector; address: string | null }>;
type OrgKey = keyof typeof ORGS;

// ---------------------------------------------------------------------------------------------------------
// Agreements and parties (O1, O2). Signing dates are not in the seeds (left blank there) unless stated.
// ---------------------------------------------------------------------------------------------------------
interface AgreementSpec {
  key: string;
  collaboration: Slug;
  title: string;
  version: string;
  effectiveDate: string;
  minimumTermMonths: number | null;
  renewalRule: string | null;
  renewalPeriodMonths: number | null;
  maxRenewals: number | null;
  noticePeriodMonths: number | null;
  evaluationDates: string[];
  signedAt: string;
  parties: [OrgKey, string][]; // organisation, representative (function as named in the seed)
  /** The version of the collaboration's policy file this agreement activates (the one carrying the privacy rules). */
  policyVersion: string | null;
  amendmentProcedure: AmendmentProcedure;
}

const DW_PARTIES: [OrgKey, string][] = [
  ['dwWelzijn', 'directeur-bestuurder'],
  ['dwPolitie', 'teamchef (basisteam Meppel Hoogeveen / Zuidwest Drenthe)'],
  ['dwActium', 'teammanager Wijken'],
  ['dwGemeente', 'wethouder, namens het college van B&W en de burgemeester'],
];
const ZST_GEMEENTE_REP = 'portefeuillehouder Wijkgericht Werken (ondertekend door de burgemeester)';
const WTW_REP_GEMEENTE = 'wethouder, namens het college van B&W (naam/functie open in het concept)';
const WTW_REP = 'directeur-bestuurder (naam/functie open in het concept)';

const AGREEMENTS: AgreementSpec[] = [
  {
    key: 'dw',
    collaboration: 'dewolden',
    title: 'Samenwerkingsconvenant Buurtteams gemeente De Wolden 2024 e.v.',
    version: '2024',
    effectiveDate: '2024-11-01', // "op de dag van ondertekening" (14.1); date fictional
    minimumTermMonths: 14, // "tenminste tot 1 januari 2026"
    renewalRule: 'Automatisch telkens met één jaar verlengd, maximaal 4 verlengingen, behoudens tussentijdse wijziging en schriftelijke opzegging (art. 14.1)',
    renewalPeriodMonths: 12,
    maxRenewals: 4,
    noticePeriodMonths: 3, // art. 14.4
    evaluationDates: ['2026-12-31', '2027-12-31', '2028-12-31', '2029-12-31'], // jaarlijks vóór 1 januari, vanaf 2026 (art. 19)
    signedAt: '2024-11-01T10:00:00Z',
    policyVersion: null,
    amendmentProcedure: AmendmentProcedure.RESIGN,
    parties: DW_PARTIES,
  },
  {
    key: 'dwPrivacy',
    collaboration: 'dewolden',
    title: 'Privacyconvenant Buurtteams in gemeente De Wolden',
    version: '1.0',
    effectiveDate: '2024-11-01',
    minimumTermMonths: null,
    renewalRule: 'Integraal onderdeel van het samenwerkingsconvenant (art. 9.1); looptijd gelijk daaraan',
    renewalPeriodMonths: null,
    maxRenewals: null,
    noticePeriodMonths: null,
    evaluationDates: ['2026-10-01', '2028-10-01'], // tweejaarlijks herzien door de stuurgroep (art. 15.1)
    signedAt: '2024-11-01T10:00:00Z',
    policyVersion: '1.0.0',
    amendmentProcedure: AmendmentProcedure.RESIGN,
    parties: DW_PARTIES,
  },
  {
    key: 'zvhd',
    collaboration: 'zvhd',
    title: 'Convenant samenwerking tussen ketenpartners in Zorg- en Veiligheidshuis Drenthe',
    version: '1.0', // the seed carries no version number
    effectiveDate: '2021-01-01', // "op de dag van ondertekening" (25.1); date fictional
    minimumTermMonths: null,
    renewalRule: 'Aangegaan voor onbepaalde tijd (art. 25.1); wijziging via addendum (art. 23.2)',
    renewalPeriodMonths: null,
    maxRenewals: null,
    noticePeriodMonths: 12, // art. 25.2
    evaluationDates: [],
    signedAt: '2021-01-01T10:00:00Z',
    policyVersion: '1.0.0',
    amendmentProcedure: AmendmentProcedure.ADDENDUM,
    parties: [
      ['gmAssen', 'burgemeester'],
      ['gmEmmen', 'burgemeester / wethouder'],
      ['gmMeppel', 'burgemeester'],
      ['gmHoogeveen', 'burgemeester'],
      ['dwGemeente', 'burgemeester'],
      ['politieNN', 'sectorhoofd politie Drenthe'],
      ['omNN', 'afdelingshoofd Beleid en Strategie'],
      ['reclassering', 'regiodirecteur regio Midden Noord'],
      ['ggzDrenthe', 'directeur'],
      ['ggdDrenthe', 'directeur publieke gezondheid'],
      ['jbNoord', 'bestuurder'],
      ['ldhNoord', 'algemeen directeur'],
      ['meeDrenthe', 'bestuurder'],
      ['cosis', 'bestuurder'],
      // The procesregisseurs work at the ZVHD (personnel employed by Veiligheidsregio Drenthe, art. 15).
      ['zvhdHuis', 'manager ZVHD (namens Veiligheidsregio Drenthe, ondersteuner PIJOFACH-taken)'],
    ],
  },
  {
    key: 'zst',
    collaboration: 'zeist',
    title: 'Samenwerkingsovereenkomst Wijkgericht Werken Zeist',
    version: '2018–2021',
    effectiveDate: '2018-06-14', // Ondertekening: datum 14 juni 2018
    minimumTermMonths: 36,
    renewalRule: 'In beginsel aangegaan voor drie jaar en kan worden verlengd (Privacyregeling art. 14.1)',
    renewalPeriodMonths: 36,
    maxRenewals: null,
    noticePeriodMonths: null,
    // Jaarlijkse schriftelijke evaluatie (Privacyregeling art. 14.2)
    evaluationDates: ['2019-06-14', '2020-06-14', '2021-06-14', '2022-06-14', '2023-06-14', '2024-06-14', '2025-06-14', '2026-06-14', '2027-06-14'],
    signedAt: '2018-06-14T10:00:00Z',
    policyVersion: '1.0.0',
    amendmentProcedure: AmendmentProcedure.RESIGN,
    parties: [
      ['zstGemeente', ZST_GEMEENTE_REP],
      ['zstCjg', ZST_GEMEENTE_REP],
      ['zstSociaalTeam', ZST_GEMEENTE_REP],
      ['zstToezicht', ZST_GEMEENTE_REP],
      ['zstPolitie', 'teamchef Regionale Eenheid Midden Nederland, Zeist/Bunnik/Leusden/Woudenberg (namens de politiechef, mandaat 11-04-2018)'],
      ['zstRkwbv', 'directeur-bestuurder'],
      ['zstMeander', 'directeur-bestuurder'],
      ['zstWoongoed', 'directeur-bestuurder'],
    ],
  },
  {
    key: 'wtw',
    collaboration: 'walcheren',
    title: 'Samenwerkingsconvenant Weer Thuis op Walcheren',
    version: 'januari 2024',
    effectiveDate: '2024-03-01', // "op de dag van ondertekening" (art. 9); date fictional
    minimumTermMonths: 24,
    renewalRule: 'Ten minste twee jaar; daarna automatisch telkens met één jaar verlengd (art. 9)',
    renewalPeriodMonths: 12,
    maxRenewals: null,
    noticePeriodMonths: null,
    evaluationDates: ['2025-03-01'], // uiterlijk 1 jaar na inwerkingtreding (art. 7.2)
    signedAt: '2024-03-01T10:00:00Z',
    policyVersion: '1.0.0',
    amendmentProcedure: AmendmentProcedure.RESIGN,
    parties: [
      ['gmMiddelburg', WTW_REP_GEMEENTE],
      ['gmVlissingen', WTW_REP_GEMEENTE],
      ['gmVeere', WTW_REP_GEMEENTE],
      ['lescaut', WTW_REP],
      ['woongoedMbg', WTW_REP],
      ['zeeuwland', WTW_REP],
      ['wbvArnemuiden', WTW_REP],
      ['wtwBw', 'bestuurder (fictief)'],
      ['wtwMo', 'bestuurder (fictief)'],
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------
// Besluit art. 20 Wpg, Politie eenheid Midden-Nederland, for Wijkgericht Werken Zeist (O5).
// The real decision is dated 28 March 2018 and ran three years (§6). The demo models a renewed decision,
// taken after the written evaluation §6 requires, so that it is in force on the demo date 2026-11-23.
// ---------------------------------------------------------------------------------------------------------
const ZEIST_ART20 = {
  issuingUnit:
    'Politie, eenheid Midden-Nederland (de politiechef); verstrekking door basisteam ZBLW (Zeist, Bunnik, Leusden, Woudenberg), district Oost-Utrecht',
  compellingPublicInterest:
    'De aanpak van (zeer) ernstige overlast, het voorkomen van criminaliteit en het signaleren van dringende behoeften aan hulp ' +
    'en ondersteuning van inwoners. Verstrekking alleen in bijzondere gevallen, ter voorkoming van escalatie en/of verstoring van ' +
    'de openbare orde en veiligheid (besluit §3).',
  purpose:
    'Samenwerkingsverband Wijkgericht Werken Zeist: bevorderen van leefbaarheid en sociale cohesie, aanpak van ernstige overlast ' +
    'en/of criminaliteit in de wijken en signaleren van dringende behoeften aan zorg en ondersteuning van inwoners (besluit §2).',
  categoriesGranted: ['police.identity', 'police.contact', 'police.vehicles', 'police.incidents', 'police.priorityGroup', 'police.special'],
  conditions: [
    '§3: verstrekking alleen door de wijkagent (of de door de basisteamleiding aangewezen vervanger) aan de aangewezen professionals; ' +
      'elke verstrekking onverwijld vastgelegd met besluit, datum, reden, inhoud en ontvanger.',
    '§4: alleen aan partners, niet aan agendadeelnemers; alleen categorieën a–e (naam/geboortedatum/adres/geslacht, contactgegevens, ' +
      'voertuigen met kenteken, relevante incidenten, geprioriteerde doelgroep); bijzondere politiegegevens alleen aanvullend en ' +
      'indien noodzakelijk. Gebruik door de ontvanger alleen voor: 1 zorg aan slachtoffers/daders, 2 beëindigen van overlast, ' +
      '3 opsporing en voorkomen van strafbare feiten, 4 openbare orde en interne veiligheid.',
    '§5: vertrouwelijk, geheimhoudingsplicht voor de ontvanger, doorverstrekking alleen als wet of doel dat vereisen; alleen als geen ' +
      'niet-politiebron beschikbaar is; juist, actueel, volledig, ter zake dienend en niet bovenmatig; correcties gaan naar alle ' +
      'ontvangers; onrechtmatige verstrekkingen worden geregistreerd.',
    '§6: geldig drie jaar, verlenging na schriftelijke evaluatie; de politiechef kan het besluit op ieder moment intrekken.',
  ].join('\n'),
  validFrom: '2025-01-01',
  validUntil: '2028-01-01',
};

// ---------------------------------------------------------------------------------------------------------
// Members (fictional people). Every member also has role MEMBER.
// ---------------------------------------------------------------------------------------------------------
const MEMBERS: { login: string; name: string; org: OrgKey; fn: string; roles: MemberRole[] }[] = [
  { login: 'wijkagent.zeist', name: 'R. (Ruben) Kamphuis', org: 'zstPolitie', fn: 'wijkagent', roles: [POLICE_OFFICER] },
  { login: 'woonconsulent.zeist', name: 'S. (Sanne) Verhoef', org: 'zstWoongoed', fn: 'woonconsulent', roles: [] },
  { login: 'opbouwwerker.zeist', name: 'M. (Mehmet) Yıldız', org: 'zstMeander', fn: 'opbouwwerker', roles: [] },
  { login: 'sociaalteam.zeist', name: 'L. (Lotte) Brouwer', org: 'zstSociaalTeam', fn: 'medewerker Sociaal Team', roles: [PROCESS_DIRECTOR] },
  { login: 'wijkmanager.zeist', name: 'P. (Peter) van Dam', org: 'zstGemeente', fn: 'wijkmanager (coördinator Wijkoverleg)', roles: [COORDINATOR] },
  { login: 'huisarts.zeist', name: 'A. (Anouk) Smit', org: 'zstHuisarts', fn: 'huisarts (agendadeelnemer)', roles: [] },
  { login: 'teamchef.zeist', name: 'W. (Wouter) de Graaf', org: 'zstPolitie', fn: 'teamchef, namens de politiechef (mandaat 11-04-2018)', roles: [POLICE_CHIEF] },
  { login: 'privacy.zeist', name: 'H. (Hanneke) Jansen', org: 'zstGemeente', fn: 'privacy officer', roles: [PRIVACY_OFFICER] },
  { login: 'privacy.politie.zeist', name: 'K. (Karin) Visser', org: 'zstPolitie', fn: 'privacy officer (functionaris gegevensbescherming)', roles: [PRIVACY_OFFICER] },
  { login: 'privacy.woongoed.zeist', name: 'D. (Daan) Peters', org: 'zstWoongoed', fn: 'privacy officer', roles: [PRIVACY_OFFICER] },
  { login: 'dorpencontact.dewolden', name: 'E. (Esther) Hulst', org: 'dwWelzijn', fn: 'dorpencontactfunctionaris', roles: [COORDINATOR, PROCESS_DIRECTOR] },
  { login: 'wijkagent.dewolden', name: 'J. (Jeroen) Bos', org: 'dwPolitie', fn: 'wijkagent', roles: [POLICE_OFFICER] },
  { login: 'woonconsulent.dewolden', name: 'I. (Ingrid) Lubbers', org: 'dwActium', fn: 'woonconsulent', roles: [] },
  { login: 'opbouwwerker.dewolden', name: 'T. (Tim) Hoekman', org: 'dwWelzijn', fn: 'opbouwwerker', roles: [] },
  // The Stuurgroep Buurtteams De Wolden: one delegate per party (Samenwerkingsconvenant art. 1), the wethouder chairs.
  { login: 'voorzitter.dewolden', name: 'G. (Gerda) Mulder', org: 'dwGemeente', fn: 'wethouder, voorzitter Stuurgroep Buurtteams', roles: [STEERING_GROUP] },
  { login: 'stuurgroep.welzijn.dewolden', name: 'B. (Bart) Kuiper', org: 'dwWelzijn', fn: 'directeur-bestuurder (Stuurgroep)', roles: [STEERING_GROUP] },
  { login: 'stuurgroep.politie.dewolden', name: 'A. (Arjen) Smit', org: 'dwPolitie', fn: 'teamchef (Stuurgroep)', roles: [STEERING_GROUP] },
  { login: 'stuurgroep.actium.dewolden', name: 'C. (Carla) Boer', org: 'dwActium', fn: 'teammanager Wijken (Stuurgroep)', roles: [STEERING_GROUP] },
  { login: 'wijkverpleegkundige.dewolden', name: 'R. (Roos) Veenstra', org: 'dwThuiszorg', fn: 'wijkverpleegkundige', roles: [] },
  { login: 'manager.zvhd', name: 'J. (Jolanda) Bakker', org: 'zvhdHuis', fn: 'manager ZVHD, bestuurssecretaris Stuurgroep (art. 5.3)', roles: [STEERING_GROUP] },
  { login: 'procesregisseur.zvhd', name: 'N. (Nienke) Wolters', org: 'zvhdHuis', fn: 'procesregisseur', roles: [PROCESS_DIRECTOR] },
  { login: 'politie.zvhd', name: 'K. (Koen) Dijkstra', org: 'politieNN', fn: 'wijkagent / contactpersoon ZVHD', roles: [POLICE_OFFICER] },
  { login: 'reclassering.zvhd', name: 'F. (Fatima) El Amrani', org: 'reclassering', fn: 'reclasseringswerker', roles: [] },
  { login: 'ggz.zvhd', name: 'W. (Willem) Zwiers', org: 'ggzDrenthe', fn: 'sociaal psychiatrisch verpleegkundige', roles: [] },
  { login: 'consulent.walcheren', name: 'M. (Marloes) de Kam', org: 'gmMiddelburg', fn: 'consulent toegang (regievoerder Team Thuis)', roles: [COORDINATOR, PROCESS_DIRECTOR] },
  { login: 'corporatie.walcheren', name: 'D. (Dirk) Minderhoud', org: 'woongoedMbg', fn: 'woonconsulent', roles: [] },
  { login: 'begeleider.walcheren', name: 'Y. (Yvonne) Geschiere', org: 'wtwBw', fn: 'ambulant begeleider', roles: [] },
];
/** A login of MEMBERS (checked when seeding). */
type Login = string;

export const DEMO_LOGINS: readonly string[] = MEMBERS.map((m) => m.login);

// ---------------------------------------------------------------------------------------------------------
// Cases, participants and subjects (pseudonyms only).
// partners: organisations taking part as PARTNER (memberId null); adHoc: members invited by name (O8, O20).
// ---------------------------------------------------------------------------------------------------------
interface CaseSpec {
  ref: string;
  collaboration: Slug;
  title: string;
  kind: CaseKind;
  phase: CasePhase;
  lifeDomains: LifeDomain[];
  reportedBy: OrgKey;
  processDirector: Login | null;
  caseDirector: Login | null;
  partners: OrgKey[];
  adHoc?: Login[];
  subjects: [string, string][]; // pseudonym, roleInCase
}

const CASES: CaseSpec[] = [
  // Zeist. The huisarts is agendadeelnemer in ZST-2026-001 only; ZST-2026-003 and -004 have no police.
  {
    ref: 'ZST-2026-001', collaboration: 'zeist', title: 'Woonoverlast en zorgen om huishouden Slotlaan',
    kind: CaseKind.INDIVIDUAL, phase: CasePhase.ACTION_PLAN, lifeDomains: [WONEN, FINANCIEN, GEZONDHEID, VEILIGHEID],
    reportedBy: 'zstWoongoed', processDirector: 'sociaalteam.zeist', caseDirector: 'sociaalteam.zeist',
    partners: ['zstPolitie', 'zstWoongoed', 'zstMeander', 'zstSociaalTeam', 'zstCjg', 'zstGemeente'],
    adHoc: ['huisarts.zeist'],
    subjects: [['ZST-P-0001', 'hoofdbewoner'], ['ZST-P-0002', 'kind']],
  },
  {
    // Collective case chaired by the coordinator (wijkmanager); no process director appointed.
    ref: 'ZST-2026-002', collaboration: 'zeist', title: 'Jongerenoverlast winkelcentrum Vollenhove',
    kind: CaseKind.COLLECTIVE, phase: CasePhase.CASE_MEETING, lifeDomains: [VEILIGHEID, MEEDOEN],
    reportedBy: 'zstMeander', processDirector: null, caseDirector: null,
    partners: ['zstPolitie', 'zstMeander', 'zstRkwbv', 'zstWoongoed', 'zstGemeente'],
    subjects: [['ZST-P-0003', 'jongere'], ['ZST-P-0004', 'jongere']],
  },
  {
    ref: 'ZST-2026-003', collaboration: 'zeist', title: 'Vereenzaming en betalingsachterstand oudere huurder',
    kind: CaseKind.INDIVIDUAL, phase: CasePhase.TRIAGE, lifeDomains: [FINANCIEN, GEZONDHEID, MEEDOEN],
    reportedBy: 'zstWoongoed', processDirector: 'sociaalteam.zeist', caseDirector: null,
    partners: ['zstWoongoed', 'zstSociaalTeam', 'zstMeander'],
    subjects: [['ZST-P-0005', 'hoofdbewoner']],
  },
  {
    ref: 'ZST-2026-004', collaboration: 'zeist', title: 'Wijkproject schoon en veilig Kerckebosch',
    kind: CaseKind.PROJECT, phase: CasePhase.MONITORING, lifeDomains: [WONEN, MEEDOEN],
    reportedBy: 'zstGemeente', processDirector: null, caseDirector: null,
    partners: ['zstGemeente', 'zstToezicht', 'zstRkwbv', 'zstMeander'],
    subjects: [],
  },
  // De Wolden
  {
    ref: 'DWL-2026-001', collaboration: 'dewolden', title: 'Woonoverlast portiekflat Zuidwolde',
    kind: CaseKind.COLLECTIVE, phase: CasePhase.ACTION_PLAN, lifeDomains: [WONEN, VEILIGHEID],
    reportedBy: 'dwActium', processDirector: 'dorpencontact.dewolden', caseDirector: 'woonconsulent.dewolden',
    partners: ['dwWelzijn', 'dwPolitie', 'dwActium', 'dwGemeente'],
    subjects: [['DWL-P-0001', 'hoofdbewoner'], ['DWL-P-0002', 'buurtbewoner']],
  },
  {
    ref: 'DWL-2026-002', collaboration: 'dewolden', title: 'Dorpsvisie Ruinerwold: leefbaarheid dorpskern',
    kind: CaseKind.PROJECT, phase: CasePhase.MONITORING, lifeDomains: [MEEDOEN, ZELFREDZAAMHEID, WONEN],
    reportedBy: 'dwGemeente', processDirector: 'dorpencontact.dewolden', caseDirector: 'opbouwwerker.dewolden',
    partners: ['dwWelzijn', 'dwGemeente', 'dwActium'],
    subjects: [],
  },
  {
    ref: 'DWL-2026-003', collaboration: 'dewolden', title: 'Vereenzaamde oudere inwoner De Wijk',
    kind: CaseKind.INDIVIDUAL, phase: CasePhase.REFERRED, lifeDomains: [GEZONDHEID, ZELFREDZAAMHEID],
    reportedBy: 'dwWelzijn', processDirector: 'dorpencontact.dewolden', caseDirector: null,
    partners: ['dwWelzijn', 'dwGemeente'],
    subjects: [['DWL-P-0003', 'inwoner']],
  },
  // ZVHD
  {
    ref: 'ZVHD-2026-001', collaboration: 'zvhd', title: 'Persoonsgerichte aanpak: recidive en verslaving',
    kind: CaseKind.INDIVIDUAL, phase: CasePhase.ACTION_PLAN, lifeDomains: [VEILIGHEID, GEZONDHEID, WONEN, FINANCIEN],
    reportedBy: 'politieNN', processDirector: 'procesregisseur.zvhd', caseDirector: 'reclassering.zvhd',
    partners: ['zvhdHuis', 'politieNN', 'reclassering', 'ggzDrenthe', 'gmAssen'],
    subjects: [['ZVHD-P-0001', 'cliënt']],
  },
  {
    ref: 'ZVHD-2026-002', collaboration: 'zvhd', title: 'Huiselijk geweld in gezinssysteem',
    kind: CaseKind.INDIVIDUAL, phase: CasePhase.CASE_MEETING, lifeDomains: [VEILIGHEID, ZELFREDZAAMHEID],
    reportedBy: 'ggdDrenthe', processDirector: 'procesregisseur.zvhd', caseDirector: null,
    partners: ['zvhdHuis', 'ggdDrenthe', 'jbNoord', 'politieNN', 'gmEmmen'],
    subjects: [['ZVHD-P-0002', 'ouder'], ['ZVHD-P-0003', 'kind']],
  },
  {
    ref: 'ZVHD-2026-003', collaboration: 'zvhd', title: 'Verward gedrag en zorgmijding',
    kind: CaseKind.INDIVIDUAL, phase: CasePhase.TRIAGE, lifeDomains: [GEZONDHEID, WONEN],
    reportedBy: 'gmMeppel', processDirector: 'procesregisseur.zvhd', caseDirector: null,
    partners: ['zvhdHuis', 'ggzDrenthe', 'gmMeppel', 'ldhNoord', 'meeDrenthe'],
    subjects: [['ZVHD-P-0004', 'cliënt']],
  },
  {
    ref: 'ZVHD-2026-004', collaboration: 'zvhd', title: 'Nazorg na detentie',
    kind: CaseKind.INDIVIDUAL, phase: CasePhase.DE_ESCALATED, lifeDomains: [WONEN, FINANCIEN, MEEDOEN],
    reportedBy: 'reclassering', processDirector: 'procesregisseur.zvhd', caseDirector: null,
    partners: ['zvhdHuis', 'reclassering', 'gmHoogeveen', 'ldhNoord'],
    subjects: [['ZVHD-P-0005', 'cliënt']],
  },
  // Walcheren (Team Thuis per gemeente; Arnemuiden is part of Middelburg)
  {
    ref: 'WTW-2026-001', collaboration: 'walcheren', title: 'Uitstroom beschermd wonen naar Middelburg',
    kind: CaseKind.INDIVIDUAL, phase: CasePhase.MONITORING, lifeDomains: [WONEN, GEZONDHEID, FINANCIEN, MEEDOEN],
    reportedBy: 'wtwBw', processDirector: 'consulent.walcheren', caseDirector: 'consulent.walcheren',
    partners: ['gmMiddelburg', 'woongoedMbg', 'wtwBw'],
    subjects: [['WTW-P-0001', 'cliënt']],
  },
  {
    ref: 'WTW-2026-002', collaboration: 'walcheren', title: 'Uitstroom maatschappelijke opvang naar Arnemuiden',
    kind: CaseKind.INDIVIDUAL, phase: CasePhase.CASE_MEETING, lifeDomains: [WONEN, FINANCIEN],
    reportedBy: 'wtwMo', processDirector: 'consulent.walcheren', caseDirector: null,
    partners: ['gmMiddelburg', 'wbvArnemuiden', 'wtwMo'],
    subjects: [['WTW-P-0002', 'cliënt']],
  },
  {
    // Regie lies with the municipality of Vlissingen, which has no demo member.
    ref: 'WTW-2026-003', collaboration: 'walcheren', title: 'Intake jongvolwassene uit jeugdzorg met verblijf',
    kind: CaseKind.INDIVIDUAL, phase: CasePhase.INTAKE, lifeDomains: [WONEN, MEEDOEN, ZELFREDZAAMHEID],
    reportedBy: 'wtwBw', processDirector: null, caseDirector: null,
    partners: ['gmVlissingen', 'lescaut', 'wtwBw'],
    subjects: [['WTW-P-0003', 'cliënt']],
  },
];

export const DEMO_CASE_REFS: Readonly<Record<Slug, readonly string[]>> = {
  dewolden: CASES.filter((c) => c.collaboration === 'dewolden').map((c) => c.ref),
  zvhd: CASES.filter((c) => c.collaboration === 'zvhd').map((c) => c.ref),
  zeist: CASES.filter((c) => c.collaboration === 'zeist').map((c) => c.ref),
  walcheren: CASES.filter((c) => c.collaboration === 'walcheren').map((c) => c.ref),
};

// ---------------------------------------------------------------------------------------------------------
// Information items. `by` names the providing member (its organisation is the provider); `org` names a
// providing organisation without a demo member. Defaults: FACT, NONE, INFORMED, NOT_REQUIRED.
// ---------------------------------------------------------------------------------------------------------
interface ItemSpec {
  ref: string;
  subj: string;
  cat: CategoryKey;
  by?: Login;
  org?: OrgKey;
  content: string;
  at: string;
  ground?: string;
  kind?: InformationKind;
  restrict?: SharingRestriction;
  informed?: InformedStatus;
  consent?: ConsentStatus;
}

const { OPINION } = InformationKind;
const { NO_RESHARING, PROVIDER_ONLY, CASE_MEETING_ONLY } = SharingRestriction;
const { EXCEPTION, NOT_INFORMED, UNKNOWN: INFORMED_UNKNOWN } = InformedStatus;
const { GIVEN, REFUSED, WEIGHED } = ConsentStatus;

/** The statement the demo's officers record with police data (O10; Privacyregeling Zeist art. 7.5–7.6). */
/** The providing officer's justification of a police item (O10), as the demo and the benchmark's data record it. */
export const POLICE_JUSTIFICATION =
  'Niet uit een andere dan politiebron te verkrijgen voor de casus; getoetst op juist, actueel, volledig, relevant en niet bovenmatig (art. 7.5–7.6).';
export const ART20 = 'art. 20 Wpg, besluit Zeist 2018 (politiechef eenheid Midden-Nederland)';
const ZVHD_POLICE = 'art. 16 lid 1 Wpg jo. art. 4:3 Bpg (zorg- en veiligheidshuis); Privacy Protocol ZVHD';
const DW_POLICE = 'art. 3 Politiewet 2012, Wpg (eigen politietaak); geen art. 20-besluit De Wolden: niet voor niet-politiepartners';
const WTW_CONSENT = 'art. 9 lid 2 sub a AVG: instemming cliënt in de Welkom in de Wijk Overeenkomst (convenant art. 3)';

const ITEMS: ItemSpec[] = [
  // ----- ZST-2026-001: every category at least once -----
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'police.identity', by: 'wijkagent.zeist', at: '2026-10-08T09:00:00Z', ground: `${ART20}, §4.1 a`,
    content: 'Naam: J. (Jan) de Vries, geb. 12-03-1979, Slotlaan 12, 3701 GK Zeist, man' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'police.contact', by: 'wijkagent.zeist', at: '2026-10-08T09:01:00Z', ground: `${ART20}, §4.1 b`,
    content: 'Tel. 06-12345678, e-mail j.devries@example.nl' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'police.vehicles', by: 'wijkagent.zeist', at: '2026-10-08T09:02:00Z', ground: `${ART20}, §4.1 c`,
    content: 'Grijze Opel Astra, kenteken 99-ZZZ-9 (fictief); staat vaak geparkeerd voor de portiek' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'police.incidents', by: 'wijkagent.zeist', at: '2026-10-08T09:03:00Z', ground: `${ART20}, §4.1 d`,
    informed: EXCEPTION, // Privacyregeling art. 8.2 b: voorkoming van strafbare feiten
    content: '3 meldingen geluidsoverlast (12-08, 02-09 en 20-09-2026) en 1 melding bedreiging van de buurman (25-09-2026); geen aangifte gedaan' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'police.priorityGroup', by: 'wijkagent.zeist', at: '2026-10-08T09:04:00Z', ground: `${ART20}, §4.1 e`,
    content: 'Het huishouden behoort niet tot een door de politie geprioriteerde doelgroep' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'police.special', by: 'wijkagent.zeist', at: '2026-10-08T09:05:00Z', ground: `${ART20}, §4.2 (aanvullend, noodzakelijk)`,
    restrict: NO_RESHARING,
    content: 'Foto uit politiesysteem ter herkenning bij het gezamenlijke huisbezoek (beeldmateriaal: bijzonder politiegegeven)' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'person.identity', by: 'wijkmanager.zeist', at: '2026-10-01T08:00:00Z',
    content: 'J. de Vries, geb. 12-03-1979, Slotlaan 12, 3701 GK Zeist (BRP)' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'person.contact', by: 'woonconsulent.zeist', at: '2026-10-01T08:30:00Z',
    content: 'Tel. 06-12345678 (uit huurdersadministratie)' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'housing', by: 'woonconsulent.zeist', at: '2026-10-01T08:35:00Z',
    content: 'Huurder sinds 2015 (3-kamer portiekflat, sociale huur, onbepaalde tijd). Huurachterstand € 1.240 (3 maanden). 4 overlastmeldingen van buren sinds juli 2026' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'housing', by: 'woonconsulent.zeist', at: '2026-10-03T14:00:00Z', kind: OPINION, restrict: NO_RESHARING,
    content: 'Inschatting woonconsulent: de overlast hangt samen met financiële stress. Gebaseerd op het huisbezoek van 03-10 en de betalingshistorie' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'finance', by: 'sociaalteam.zeist', at: '2026-10-06T10:00:00Z', consent: GIVEN,
    ground: 'Wmo 2015; toestemming betrokkene (Privacyregeling art. 5 en 9)',
    content: 'Problematische schulden (ca. € 18.000 bij 7 schuldeisers); aanmelding schuldhulpverlening loopt sinds 01-09-2026' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'finance', by: 'sociaalteam.zeist', at: '2026-10-06T10:05:00Z', kind: OPINION, consent: GIVEN,
    ground: 'Wmo 2015; toestemming betrokkene (Privacyregeling art. 5 en 9)',
    content: 'Hypothese: de overlast neemt toe wanneer aanmaningen binnenkomen (gebaseerd op meldingsdata aug–sep en het schuldenoverzicht)' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'participation', by: 'opbouwwerker.zeist', at: '2026-10-02T13:00:00Z',
    content: 'Doet sinds september mee aan het buurtklusproject; weinig sociaal netwerk in de buurt' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'care', by: 'sociaalteam.zeist', at: '2026-10-06T10:10:00Z', consent: GIVEN,
    ground: 'art. 9 lid 2 sub a AVG (uitdrukkelijke toestemming); Wmo 2015',
    content: 'Indicatie Wmo-begeleiding (ambulant, 3 uur per week) sinds 15-09-2026' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'care', by: 'sociaalteam.zeist', at: '2026-10-06T10:15:00Z', consent: REFUSED, restrict: PROVIDER_ONLY,
    ground: 'art. 9 lid 2 sub h AVG; Wmo 2015',
    content: 'Lopende behandeling bij een GGZ-aanbieder; betrokkene geeft geen toestemming om details te delen' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0002', cat: 'youth', org: 'zstCjg', at: '2026-10-07T09:00:00Z', consent: GIVEN,
    ground: 'Jeugdwet; toestemming jeugdige (14) en ouder (Privacyregeling art. 13.2–13.3)',
    content: 'Zoon (14) heeft contact met de CJG-jeugdverpleegkundige; school meldt 10 dagen verzuim in september 2026' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'safety', by: 'opbouwwerker.zeist', at: '2026-10-02T13:10:00Z',
    content: 'Buurtbemiddeling: 2 gesprekken met de buren (september 2026), door betrokkene afgebroken' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'special', by: 'sociaalteam.zeist', at: '2026-10-06T10:20:00Z', consent: GIVEN,
    ground: 'art. 9 lid 2 sub a AVG (uitdrukkelijke toestemming betrokkene)',
    content: 'Betrokkene is lid van een lokale kerkgemeenschap die met maaltijden ondersteunt; wil dat dit netwerk wordt ingezet' },
  { ref: 'ZST-2026-001', subj: 'ZST-P-0001', cat: 'criminal', by: 'wijkmanager.zeist', at: '2026-10-09T15:00:00Z',
    ground: 'art. 10 AVG jo. art. 172b Gemeentewet (openbare orde); Privacyregeling art. 5',
    content: 'Burgemeester legde op 30-09-2026 een gedragsaanwijzing op: contactverbod met de bewoners van Slotlaan 10' },
  // ----- ZST-2026-002 -----
  { ref: 'ZST-2026-002', subj: 'ZST-P-0003', cat: 'police.incidents', by: 'wijkagent.zeist', at: '2026-10-20T09:00:00Z', ground: `${ART20}, §4.1 d`,
    content: 'Herhaaldelijk aangetroffen in een groep van 6–8 jongeren bij het winkelcentrum; 5 overlastmeldingen in oktober 2026' },
  { ref: 'ZST-2026-002', subj: 'ZST-P-0004', cat: 'police.identity', by: 'wijkagent.zeist', at: '2026-10-20T09:05:00Z', ground: `${ART20}, §4.1 a`,
    content: 'Naam: M. (Mike) Hendriks, geb. 02-05-2007, Lindenlaan 4, 3705 ZZ Zeist, man' },
  { ref: 'ZST-2026-002', subj: 'ZST-P-0004', cat: 'police.priorityGroup', by: 'wijkagent.zeist', at: '2026-10-20T09:06:00Z', ground: `${ART20}, §4.1 e`,
    informed: EXCEPTION, content: 'Behoort tot een door de politie geprioriteerde problematische jeugdgroep (hinderlijk)' },
  { ref: 'ZST-2026-002', subj: 'ZST-P-0003', cat: 'participation', by: 'opbouwwerker.zeist', at: '2026-10-18T16:00:00Z',
    content: 'Jongerenwerk: bezoekt 2x per week het jongerencentrum; wil hulp bij het zoeken van een bijbaan' },
  { ref: 'ZST-2026-002', subj: 'ZST-P-0004', cat: 'housing', org: 'zstRkwbv', at: '2026-10-19T11:00:00Z',
    content: 'Woont bij ouders in een huurwoning van RK WBV Zeist; 2 klachten over overlast in de portiek' },
  { ref: 'ZST-2026-002', subj: 'ZST-P-0004', cat: 'safety', by: 'wijkmanager.zeist', at: '2026-10-21T10:00:00Z', informed: INFORMED_UNKNOWN,
    content: 'Boa-rapportage: 3 waarschuwingen voor samenscholing bij het winkelcentrum (oktober 2026)' },
  // ----- ZST-2026-003 (no police) -----
  { ref: 'ZST-2026-003', subj: 'ZST-P-0005', cat: 'person.identity', by: 'sociaalteam.zeist', at: '2026-11-02T09:00:00Z',
    content: 'Mevr. G. (Gerda) Bakker, geb. 04-07-1948, Couwenhoven 33, 3703 ZZ Zeist' },
  { ref: 'ZST-2026-003', subj: 'ZST-P-0005', cat: 'housing', by: 'woonconsulent.zeist', at: '2026-11-01T10:00:00Z',
    content: 'Huurachterstand € 860 (2 maanden); betaalde eerder altijd op tijd' },
  { ref: 'ZST-2026-003', subj: 'ZST-P-0005', cat: 'finance', by: 'sociaalteam.zeist', at: '2026-11-02T09:10:00Z', consent: GIVEN,
    content: 'Inkomen AOW en klein pensioen; buiten de huurachterstand geen schulden bekend' },
  { ref: 'ZST-2026-003', subj: 'ZST-P-0005', cat: 'participation', by: 'opbouwwerker.zeist', at: '2026-11-03T14:00:00Z',
    content: 'Weinig sociale contacten sinds overlijden partner; wil graag naar de wekelijkse inloop' },
  { ref: 'ZST-2026-003', subj: 'ZST-P-0005', cat: 'care', by: 'sociaalteam.zeist', at: '2026-11-02T09:20:00Z', kind: OPINION,
    consent: WEIGHED, informed: NOT_INFORMED, ground: 'art. 9 lid 2 sub h AVG; Wmo 2015 (toegangstaak); afweging art. 9.2 vastgelegd',
    content: 'Vermoeden van beginnende geheugenproblemen (vergeten betalingen, herhaalde vragen bij huisbezoek); gesprek met mantelzorger gepland' },
  // ----- De Wolden -----
  { ref: 'DWL-2026-001', subj: 'DWL-P-0001', cat: 'person.identity', by: 'dorpencontact.dewolden', at: '2026-09-10T09:00:00Z',
    content: 'A. (Arjen) Mulder, geb. 17-01-1986, Kerkweg 14, 7921 ZZ Zuidwolde' },
  { ref: 'DWL-2026-001', subj: 'DWL-P-0001', cat: 'housing', by: 'woonconsulent.dewolden', at: '2026-09-10T10:00:00Z',
    content: 'Huurder sinds 2021; 6 klachten geluidsoverlast (juni–oktober 2026); geen huurachterstand' },
  { ref: 'DWL-2026-001', subj: 'DWL-P-0001', cat: 'police.incidents', by: 'wijkagent.dewolden', at: '2026-09-11T08:00:00Z', ground: DW_POLICE,
    restrict: NO_RESHARING, content: '2 meldingen burenruzie (14-07 en 03-09-2026), afgehandeld met een gesprek ter plaatse' },
  { ref: 'DWL-2026-001', subj: 'DWL-P-0001', cat: 'safety', org: 'dwGemeente', at: '2026-09-12T12:00:00Z',
    content: 'Wijkbeheerder: 3x vervuiling van de gemeenschappelijke ruimte in de portiek gemeld' },
  { ref: 'DWL-2026-001', subj: 'DWL-P-0002', cat: 'participation', by: 'opbouwwerker.dewolden', at: '2026-09-15T19:00:00Z',
    content: 'Buurman wil meedoen aan een bewonersoverleg over de portiek' },
  { ref: 'DWL-2026-001', subj: 'DWL-P-0002', cat: 'housing', by: 'woonconsulent.dewolden', at: '2026-09-15T10:00:00Z', kind: OPINION,
    content: 'Woonconsulent: klachten van deze buurman lijken deels over leefstijlverschillen te gaan (op basis van 2 gesprekken)' },
  { ref: 'DWL-2026-003', subj: 'DWL-P-0003', cat: 'person.contact', by: 'opbouwwerker.dewolden', at: '2026-08-20T09:00:00Z',
    content: 'Tel. 0528-000000 (vaste lijn; fictief)' },
  { ref: 'DWL-2026-003', subj: 'DWL-P-0003', cat: 'participation', by: 'opbouwwerker.dewolden', at: '2026-08-20T09:05:00Z',
    content: 'Inwoner (82) is vereenzaamd; buren doen de boodschappen' },
  { ref: 'DWL-2026-003', subj: 'DWL-P-0003', cat: 'care', by: 'dorpencontact.dewolden', at: '2026-08-25T11:00:00Z', consent: GIVEN,
    ground: 'art. 9 lid 2 sub a AVG (toestemming); Privacyconvenant art. 8.1 (overdracht casus)',
    content: 'Tweemaal gevallen in huis; met toestemming doorverwezen naar het sociaal team voor Wmo-onderzoek' },
  // ----- ZVHD -----
  { ref: 'ZVHD-2026-001', subj: 'ZVHD-P-0001', cat: 'police.incidents', by: 'politie.zvhd', at: '2026-09-08T09:00:00Z', ground: ZVHD_POLICE,
    content: 'Sinds januari 2026 9 registraties (winkeldiefstal, vernieling, 1x bedreiging); laatste op 02-09-2026' },
  { ref: 'ZVHD-2026-001', subj: 'ZVHD-P-0001', cat: 'police.priorityGroup', by: 'politie.zvhd', at: '2026-09-08T09:05:00Z', ground: ZVHD_POLICE,
    informed: EXCEPTION, content: 'Opgenomen in de veelplegersaanpak Drenthe' },
  { ref: 'ZVHD-2026-001', subj: 'ZVHD-P-0001', cat: 'criminal', by: 'reclassering.zvhd', at: '2026-09-09T13:00:00Z', restrict: NO_RESHARING,
    ground: 'art. 10 AVG; Wet justitiële en strafvorderlijke gegevens; Privacy Protocol ZVHD',
    content: 'Voorwaardelijke veroordeling (mei 2026) met meldplicht en ambulante verslavingsbehandeling; reclasseringstoezicht tot mei 2028' },
  { ref: 'ZVHD-2026-001', subj: 'ZVHD-P-0001', cat: 'care', by: 'ggz.zvhd', at: '2026-09-10T10:00:00Z', consent: GIVEN,
    ground: 'art. 9 lid 2 sub h AVG; toestemming cliënt (art. 7:457 BW)',
    content: 'In ambulante verslavingsbehandeling sinds juni 2026; 2 van de 8 afspraken gemist' },
  { ref: 'ZVHD-2026-001', subj: 'ZVHD-P-0001', cat: 'care', by: 'ggz.zvhd', at: '2026-09-10T10:05:00Z', kind: OPINION, consent: GIVEN,
    restrict: CASE_MEETING_ONLY, ground: 'art. 9 lid 2 sub h AVG; toestemming cliënt (art. 7:457 BW)',
    content: 'Inschatting SPV: hoog terugvalrisico bij verlies van de woning (op basis van gemiste afspraken en terugval in 2025)' },
  { ref: 'ZVHD-2026-001', subj: 'ZVHD-P-0001', cat: 'housing', org: 'gmAssen', at: '2026-09-11T09:00:00Z',
    content: 'Dreigende ontruiming: huurachterstand van 4 maanden; vonnis verwacht november 2026' },
  { ref: 'ZVHD-2026-001', subj: 'ZVHD-P-0001', cat: 'finance', org: 'gmAssen', at: '2026-10-05T09:00:00Z', consent: GIVEN,
    content: 'Beschermingsbewind aangevraagd in oktober 2026' },
  { ref: 'ZVHD-2026-002', subj: 'ZVHD-P-0002', cat: 'safety', org: 'ggdDrenthe', at: '2026-08-16T09:00:00Z', restrict: CASE_MEETING_ONLY,
    ground: 'Wmo 2015 (taak Veilig Thuis); Privacy Protocol ZVHD', consent: WEIGHED,
    content: 'Veilig Thuis: 2 meldingen huiselijk geweld door ex-partner in 2026; veiligheidsplan opgesteld op 15-08-2026' },
  { ref: 'ZVHD-2026-002', subj: 'ZVHD-P-0003', cat: 'youth', org: 'jbNoord', at: '2026-08-17T09:00:00Z', informed: EXCEPTION,
    ground: 'Jeugdwet; art. 1:255 BW (ondertoezichtstelling)', content: 'Ondertoezichtstelling sinds maart 2026; gezinsvoogd betrokken' },
  { ref: 'ZVHD-2026-002', subj: 'ZVHD-P-0002', cat: 'police.incidents', by: 'politie.zvhd', at: '2026-08-18T09:00:00Z', ground: ZVHD_POLICE,
    content: 'Aangifte van mishandeling door ex-partner op 11-07-2026; ex-partner aangehouden' },
  { ref: 'ZVHD-2026-003', subj: 'ZVHD-P-0004', cat: 'care', by: 'ggz.zvhd', at: '2026-11-05T10:00:00Z', consent: WEIGHED, informed: EXCEPTION,
    ground: 'art. 9 lid 2 sub h AVG; Wet verplichte ggz (verkennend onderzoek)',
    content: 'Bekend met een psychotische stoornis; behandeling in 2025 gestopt, zorgmijdend' },
  { ref: 'ZVHD-2026-003', subj: 'ZVHD-P-0004', cat: 'housing', org: 'gmMeppel', at: '2026-11-04T10:00:00Z',
    content: 'Meldingen van vervuiling van de woning en nachtelijke geluidsoverlast via het meldpunt zorgwekkend gedrag' },
  { ref: 'ZVHD-2026-003', subj: 'ZVHD-P-0004', cat: 'participation', org: 'meeDrenthe', at: '2026-11-06T10:00:00Z', consent: REFUSED,
    content: 'Geen dagbesteding; cliëntondersteuning door MEE aangeboden, nog niet geaccepteerd' },
  { ref: 'ZVHD-2026-004', subj: 'ZVHD-P-0005', cat: 'finance', org: 'gmHoogeveen', at: '2026-06-02T09:00:00Z', consent: GIVEN,
    content: 'Uitkering Participatiewet per 01-06-2026; schuldenoverzicht compleet' },
  { ref: 'ZVHD-2026-004', subj: 'ZVHD-P-0005', cat: 'housing', org: 'ldhNoord', at: '2026-06-03T09:00:00Z',
    content: 'Woont sinds mei 2026 in een begeleid-wonenplek' },
  // ----- Walcheren (consent via the Welkom in de Wijk Overeenkomst) -----
  { ref: 'WTW-2026-001', subj: 'WTW-P-0001', cat: 'person.identity', by: 'consulent.walcheren', at: '2026-03-10T09:00:00Z', consent: GIVEN,
    content: 'K. (Kim) Schouten, geb. 21-11-1994, Noordweg 101, 4333 ZZ Middelburg' },
  { ref: 'WTW-2026-001', subj: 'WTW-P-0001', cat: 'housing', by: 'corporatie.walcheren', at: '2026-04-01T09:00:00Z', consent: GIVEN,
    content: 'Tijdelijke huurovereenkomst (2 jaar) per 01-04-2026; omzetting naar onbepaalde tijd bij voldoende voortgang (werkafspraak 9.2)' },
  { ref: 'WTW-2026-001', subj: 'WTW-P-0001', cat: 'housing', by: 'corporatie.walcheren', at: '2026-10-12T09:00:00Z', consent: GIVEN,
    content: 'Huurachterstand 1 maand (oktober 2026); binnen 2 weken gemeld aan Team Thuis (werkafspraak 5.3)' },
  { ref: 'WTW-2026-001', subj: 'WTW-P-0001', cat: 'finance', by: 'consulent.walcheren', at: '2026-03-20T09:00:00Z', consent: GIVEN,
    content: 'Budgetbeheer via de Kredietbank sinds april 2026; schulden volledig in beeld, afbetalingsregeling loopt' },
  { ref: 'WTW-2026-001', subj: 'WTW-P-0001', cat: 'care', by: 'begeleider.walcheren', at: '2026-03-20T10:00:00Z', consent: GIVEN, ground: WTW_CONSENT,
    content: 'Ambulante begeleiding 4 uur per week; crisiskaart aanwezig en bekend bij begeleider en corporatie' },
  { ref: 'WTW-2026-001', subj: 'WTW-P-0001', cat: 'participation', by: 'begeleider.walcheren', at: '2026-03-20T10:05:00Z', consent: GIVEN,
    content: 'Dagbesteding 3 dagdelen per week bij een kringloopwinkel; netwerk: zus in Vlissingen' },
  { ref: 'WTW-2026-002', subj: 'WTW-P-0002', cat: 'housing', org: 'wbvArnemuiden', at: '2026-10-01T09:00:00Z', consent: GIVEN,
    content: 'Intermediaire huurovereenkomst met omklapconstructie voorgesteld (werkafspraak 8.1)' },
  { ref: 'WTW-2026-002', subj: 'WTW-P-0002', cat: 'care', org: 'wtwMo', at: '2026-10-01T10:00:00Z', consent: GIVEN, ground: WTW_CONSENT,
    content: 'Uitstroom uit de maatschappelijke opvang gepland in december 2026; begeleiding 2 uur per week' },
  { ref: 'WTW-2026-003', subj: 'WTW-P-0003', cat: 'person.identity', org: 'gmVlissingen', at: '2026-11-10T09:00:00Z', consent: GIVEN,
    content: 'R. (Rayan) Koster, geb. 09-06-2008, Badhuisstraat 200, 4381 ZZ Vlissingen (postadres)' },
  { ref: 'WTW-2026-003', subj: 'WTW-P-0003', cat: 'youth', by: 'begeleider.walcheren', at: '2026-11-10T10:00:00Z', consent: GIVEN,
    ground: 'Jeugdwet (verlengde jeugdhulp); instemming cliënt (convenant art. 3)',
    content: 'Sinds 2023 in jeugdzorg met verblijf; sinds juni 2026 meerderjarig, verlengde jeugdhulp loopt' },
];

// ---------------------------------------------------------------------------------------------------------
// Meetings, action items (O19: only name/address and, if needed, contact details) and action plans (O29)
// ---------------------------------------------------------------------------------------------------------
const MEETINGS: {
  ref: string; at: string; agenda: string; decisions: string;
  actions: { description: string; org: OrgKey; subj: string | null; due: string }[];
}[] = [
  {
    ref: 'ZST-2026-001', at: '2026-10-14T08:00:00Z',
    agenda: 'Wijkoverleg: woonoverlast en zorgen Slotlaan; afstemming aanpak schulden en overlast',
    decisions:
      'Sociaal Team wordt casusregisseur. Woongoed biedt een betalingsregeling aan. Politie houdt verscherpt toezicht. ' +
      'Huisarts neemt deel als agendadeelnemer (geheimhoudingsverklaring getekend 10-10-2026) en krijgt geen politiegegevens.',
    actions: [
      { description: 'Gezamenlijk huisbezoek Sociaal Team en woonconsulent — J. de Vries, Slotlaan 12, 3701 GK Zeist', org: 'zstSociaalTeam', subj: 'ZST-P-0001', due: '2026-10-28' },
      { description: 'Betalingsregeling huurachterstand aanbieden — J. de Vries, Slotlaan 12, 3701 GK Zeist, tel. 06-12345678', org: 'zstWoongoed', subj: 'ZST-P-0001', due: '2026-10-21' },
    ],
  },
  {
    ref: 'ZVHD-2026-001', at: '2026-09-22T12:00:00Z',
    agenda: 'Maatwerkoverleg persoonsgerichte aanpak: toestandsbeeld, plan van aanpak, casusregie en informatiebehoefte per partij',
    decisions:
      'Casusregisseur: Reclassering Nederland. Plan van aanpak vastgesteld. Informatie vooraf alleen inzien met akkoord van de ' +
      'verstrekkende partij (art. 12.2 f).',
    actions: [
      { description: 'Overleg met verhuurder over afwenden ontruiming — cliënt ZVHD-P-0001, Kloosterveen, Assen', org: 'gmAssen', subj: 'ZVHD-P-0001', due: '2026-10-06' },
      { description: 'Meldplicht en behandelafspraken op elkaar afstemmen — cliënt ZVHD-P-0001', org: 'reclassering', subj: 'ZVHD-P-0001', due: '2026-10-01' },
    ],
  },
  {
    ref: 'WTW-2026-001', at: '2026-07-15T09:00:00Z',
    agenda: 'Team Thuis: evaluatie na 3 maanden (werkafspraak 9.1)',
    decisions: 'Voortgang voldoende; omzetting huurcontract opnieuw beoordelen bij de evaluatie in januari 2027.',
    actions: [
      { description: 'Evaluatie januari 2027 plannen — K. Schouten, Noordweg 101, 4333 ZZ Middelburg', org: 'gmMiddelburg', subj: 'WTW-P-0001', due: '2026-12-15' },
    ],
  },
];

const ACTION_PLANS: { ref: string; goals: string; interventions: { org: OrgKey; description: string; need: string }[] }[] = [
  {
    ref: 'ZST-2026-001',
    goals: 'Binnen 3 maanden: overlast gestopt, betalingsregeling huur nageleefd, schuldhulpverlening gestart en zoon weer naar school.',
    interventions: [
      { org: 'zstSociaalTeam', description: 'Wmo-begeleiding en toeleiding naar schuldhulpverlening; casusregie', need: 'Huurachterstand en overlastmeldingen (van Woongoed), met toestemming van betrokkene' },
      { org: 'zstWoongoed', description: 'Betalingsregeling huurachterstand en afspraken over woongedrag', need: 'Of schuldhulpverlening loopt (ja/nee) en het contactpunt bij het Sociaal Team' },
    ],
  },
  {
    ref: 'ZVHD-2026-001',
    goals: 'Recidive voorkomen, woning behouden en verslavingsbehandeling volhouden (PGA, 5 leefgebieden).',
    interventions: [
      { org: 'reclassering', description: 'Toezicht op bijzondere voorwaarden (meldplicht, behandeling); casusregie', need: 'Opkomst bij behandeling (ja/nee) van GGZ Drenthe; nieuwe politieregistraties' },
      { org: 'ggzDrenthe', description: 'Ambulante verslavingsbehandeling met terugvalpreventieplan', need: 'Wijzigingen in woonsituatie en toezichtvoorwaarden' },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------
// Insertion
// ---------------------------------------------------------------------------------------------------------
function must<T>(map: Map<string, T>, key: string, what: string): T {
  const v = map.get(key);
  if (v === undefined) throw new Error(`demo data: unknown ${what} "${key}"`);
  return v;
}

/** Inserts the demo data of the four collaborations. Assumes an empty database and a running transaction. */
export async function seedDemoData(manager: EntityManager): Promise<void> {
  const collabs = new Map<string, CollaborationEntity>();
  for (const c of await manager.save(CollaborationEntity, COLLABORATIONS)) collabs.set(c.slug, c);

  const orgKeys = Object.keys(ORGS) as OrgKey[];
  const savedOrgs = await manager.save(OrganisationEntity, orgKeys.map((k) => ({ ...ORGS[k] })));
  const orgs = new Map<string, OrganisationEntity>(orgKeys.map((k, i) => [k, savedOrgs[i]]));
  const orgId = (k: OrgKey) => must(orgs, k, 'organisation').id;
  // O34: one contact point per collaboration for data subjects' requests (Zeist: the municipality, Privacyregeling art. 13).
  await manager.update(CollaborationEntity, { id: must(collabs, 'zeist', 'collaboration').id }, { rightsContactOrganisationId: orgId('zstGemeente') });

  // Agreements and parties; partiesOf[slug] = organisation ids that are party in that collaboration.
  const partiesOf = new Map<string, Set<string>>();
  const partiesByAgreement = new Map<string, PartyEntity[]>();
  const agreements = new Map<string, AgreementEntity>();
  for (const a of AGREEMENTS) {
    const { key, collaboration, parties, signedAt, ...terms } = a;
    const agreement = await manager.save(AgreementEntity, {
      ...terms,
      collaborationId: must(collabs, collaboration, 'collaboration').id,
      status: AgreementStatus.SIGNED,
      activatedAt: new Date(signedAt),
    });
    agreements.set(key, agreement);
    const rows = await manager.save(
      PartyEntity,
      parties.map(([org, representative]) => ({ agreementId: agreement.id, organisationId: orgId(org), representative, signedAt: new Date(signedAt) })),
    );
    partiesByAgreement.set(key, rows);
    const set = partiesOf.get(collaboration) ?? new Set<string>();
    for (const r of rows) set.add(r.organisationId);
    partiesOf.set(collaboration, set);
  }

  // Besluit art. 20 Wpg Zeist: recipients are the non-police parties of the Zeist agreement.
  await manager.save(Art20DecisionEntity, {
    ...ZEIST_ART20,
    agreementId: must(agreements, 'zst', 'agreement').id,
    recipients: must(partiesByAgreement, 'zst', 'agreement').filter((p) => p.organisationId !== orgId('zstPolitie')),
    revokedAt: null,
  });

  const savedMembers = await manager.save(
    MemberEntity,
    MEMBERS.map((m) => ({ login: m.login, name: m.name, organisationId: orgId(m.org), function: m.fn, roles: [MEMBER, ...m.roles] })),
  );
  const members = new Map<string, MemberEntity>(savedMembers.map((m) => [m.login, m]));
  const memberId = (login: Login | null) => (login ? must(members, login, 'member').id : null);

  // Held evaluations (O2). Zeist evaluates yearly (Privacyregeling 14.2), Walcheren within a year (7.2);
  // the De Wolden privacy convenant's review of 2026-10-01 (art. 15.1) is left unrecorded: overdue in the demo.
  const HELD: [string, string, string, Login][] = [
    ...['2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026'].map(
      (y): [string, string, string, Login] => ['zst', `${y}-06-14`, `${y}-06-10`, 'wijkmanager.zeist'],
    ),
    ['wtw', '2025-03-01', '2025-02-20', 'consulent.walcheren'],
  ];
  await manager.save(
    AgreementEvaluationEntity,
    HELD.map(([key, dueDate, heldOn, login]) => ({
      agreementId: must(agreements, key, 'agreement').id,
      dueDate,
      heldOn,
      report: 'Schriftelijke evaluatie van uitvoering, grondslagen en gegevensuitwisseling besproken en vastgesteld (fictief).',
      recordedById: memberId(login)!,
    })),
  );

  // A pending accession (O3, De Wolden art. 15): the written request is in, every party informed, none answered yet.
  const accession = await manager.save(AccessionRequestEntity, {
    agreementId: must(agreements, 'dw', 'agreement').id,
    organisationId: orgId('dwThuiszorg'),
    representative: 'bestuurder (fictief)',
    requestText: 'Schriftelijk verzoek tot toetreding tot de Buurtteams De Wolden: de wijkverpleging wil signalen over kwetsbare ouderen delen en meedoen in het buurtteam (fictief).',
    receivedOn: '2026-11-02',
    registeredById: memberId('voorzitter.dewolden')!,
    status: AccessionStatus.REQUESTED,
  });
  await manager.save(
    AccessionApprovalEntity,
    must(partiesByAgreement, 'dw', 'agreement').map((p) => ({ requestId: accession.id, organisationId: p.organisationId, notifiedAt: new Date('2026-11-03T09:00:00Z') })),
  );

  const savedSubjects = await manager.save(
    SubjectEntity,
    CASES.flatMap((c) => c.subjects.map(([pseudonym]) => ({ pseudonym }))),
  );
  const subjects = new Map<string, SubjectEntity>(savedSubjects.map((s) => [s.pseudonym, s]));

  const cases = new Map<string, CaseEntity>();
  const participantOrgs = new Map<string, Set<string>>();
  for (const c of CASES) {
    const row = await manager.save(CaseEntity, {
      collaborationId: must(collabs, c.collaboration, 'collaboration').id,
      reference: c.ref,
      title: c.title,
      kind: c.kind,
      phase: c.phase,
      lifeDomains: c.lifeDomains,
      reportingOrganisationId: orgId(c.reportedBy),
      processDirectorId: memberId(c.processDirector),
      caseDirectorId: memberId(c.caseDirector),
    });
    cases.set(c.ref, row);
    const parties = must(partiesOf, c.collaboration, 'collaboration');
    const invitedById = memberId(c.processDirector) ?? null;
    const partnerRows = c.partners.map((k) => {
      if (!parties.has(orgId(k))) throw new Error(`demo data: ${k} takes part in ${c.ref} but is no party of ${c.collaboration}`);
      return { caseId: row.id, organisationId: orgId(k), memberId: null, role: ParticipantRole.PARTNER, invitedById };
    });
    const adHocRows = (c.adHoc ?? []).map((login) => {
      const m = must(members, login, 'member');
      // The demo agendadeelnemer has signed the confidentiality statement (O20; Zeist art. 11, bijlage 1.a).
      return {
        caseId: row.id, organisationId: m.organisationId, memberId: m.id, role: ParticipantRole.AD_HOC, invitedById: memberId('wijkmanager.zeist'),
        confidentialitySignedAt: new Date('2024-11-15T09:00:00Z'),
        confidentialityLegalGround: 'Privacyregeling Zeist art. 11 en bijlage 1.a: geheimhoudingsverklaring agendadeelnemer; huisarts, WGBO art. 7:457 lid 1 BW (beroepsgeheim blijft gelden)',
        confidentialityRecordedById: memberId('wijkmanager.zeist'),
      };
    });
    await manager.save(CaseParticipantEntity, [...partnerRows, ...adHocRows]);
    participantOrgs.set(c.ref, new Set(partnerRows.map((p) => p.organisationId)));
    await manager.save(
      CaseSubjectEntity,
      c.subjects.map(([pseudonym, roleInCase]) => ({ caseId: row.id, subjectId: must(subjects, pseudonym, 'subject').id, roleInCase })),
    );
  }

  // Every category is present in ZST-2026-001 (the showcase case of the policy engine).
  const zst1 = new Set(ITEMS.filter((i) => i.ref === 'ZST-2026-001').map((i) => i.cat));
  const missing = CATEGORY_KEYS.filter((k) => !zst1.has(k));
  if (missing.length) throw new Error(`demo data: ZST-2026-001 lacks categories ${missing.join(', ')}`);

  await manager.save(
    InformationItemEntity,
    ITEMS.map((i) => {
      const member = i.by ? must(members, i.by, 'member') : null;
      const providerOrganisationId = member ? member.organisationId : orgId(i.org!);
      if (!must(participantOrgs, i.ref, 'case').has(providerOrganisationId)) {
        throw new Error(`demo data: provider of a ${i.cat} item in ${i.ref} does not take part in the case`);
      }
      return {
        caseId: must(cases, i.ref, 'case').id,
        subjectId: must(subjects, i.subj, 'subject').id,
        category: i.cat,
        providerOrganisationId,
        providerMemberId: member?.id ?? null,
        content: i.content,
        kind: i.kind ?? InformationKind.FACT,
        legalGround: i.ground ?? null,
        // O10: each police item with the officer's statement, as checkProvision asks of every police item provided.
        policeJustification: i.cat.startsWith('police.') ? POLICE_JUSTIFICATION : null,
        sharingRestriction: i.restrict ?? SharingRestriction.NONE,
        informedStatus: i.informed ?? InformedStatus.INFORMED,
        consentStatus: i.consent ?? ConsentStatus.NOT_REQUIRED,
        providedAt: new Date(i.at),
      };
    }),
  );

  for (const m of MEETINGS) {
    const meeting = await manager.save(CaseMeetingEntity, {
      caseId: must(cases, m.ref, 'case').id,
      scheduledAt: new Date(m.at),
      agenda: m.agenda,
      decisions: m.decisions,
    });
    await manager.save(
      ActionItemEntity,
      m.actions.map((a) => ({
        meetingId: meeting.id,
        description: a.description,
        assigneeOrganisationId: orgId(a.org),
        subjectId: a.subj ? must(subjects, a.subj, 'subject').id : null,
        dueDate: a.due,
      })),
    );
  }

  for (const p of ACTION_PLANS) {
    const plan = await manager.save(ActionPlanEntity, { caseId: must(cases, p.ref, 'case').id, goals: p.goals });
    await manager.save(
      InterventionEntity,
      p.interventions.map((iv) => ({ actionPlanId: plan.id, organisationId: orgId(iv.org), description: iv.description, informationNeed: iv.need })),
    );
  }
}
