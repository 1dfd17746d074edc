/**
 * The data categories of the domain (../shared/docs/domain.md, "Data categories").
 * Police categories a–e follow Besluit art. 20 Wpg Zeist §4.1 and Privacyregeling art. 7.3;
 * `police.special` only in addition to another police category (§4.2, art. 7.4).
 * `field` is the GraphQL field on SubjectInformation that carries the category: one field per category,
 * so that a field policy is a category policy.
 */
export const CATEGORIES = [
  { key: 'police.identity', field: 'policeIdentity', police: true, special: false, label: 'Politie (a): naam, geboortedatum, adres, geslacht' },
  { key: 'police.contact', field: 'policeContact', police: true, special: false, label: 'Politie (b): telefoon, e-mail' },
  { key: 'police.vehicles', field: 'policeVehicles', police: true, special: false, label: 'Politie (c): voertuigen met kenteken' },
  { key: 'police.incidents', field: 'policeIncidents', police: true, special: false, label: 'Politie (d): relevante incidenten' },
  { key: 'police.priorityGroup', field: 'policePriorityGroup', police: true, special: false, label: 'Politie (e): prioritaire doelgroep' },
  { key: 'police.special', field: 'policeSpecial', police: true, special: true, label: 'Politie: bijzondere gegevens (alleen aanvullend)' },
  { key: 'person.identity', field: 'personIdentity', police: false, special: false, label: 'Naam, geboortedatum, adres' },
  { key: 'person.contact', field: 'personContact', police: false, special: false, label: 'Contactgegevens' },
  { key: 'housing', field: 'housing', police: false, special: false, label: 'Wonen: huur, huurachterstand, overlast, huurvorm' },
  { key: 'finance', field: 'finance', police: false, special: false, label: 'Financiën: schulden, budgetbeheer' },
  { key: 'participation', field: 'participation', police: false, special: false, label: 'Meedoen: dagbesteding, netwerk' },
  { key: 'care', field: 'care', police: false, special: true, label: 'Zorg: indicatie, begeleiding, behandeling (gezondheid)' },
  { key: 'youth', field: 'youth', police: false, special: false, label: 'Jeugd (CJG)' },
  { key: 'safety', field: 'safety', police: false, special: false, label: 'Veiligheid (niet-politie)' },
  { key: 'special', field: 'special', police: false, special: true, label: 'Bijzondere persoonsgegevens (AVG art. 9)' },
  { key: 'criminal', field: 'criminal', police: false, special: true, label: 'Strafrechtelijke gegevens (AVG art. 10)' },
] as const;

export type CategoryKey = (typeof CATEGORIES)[number]['key'];
export const CATEGORY_KEYS: readonly CategoryKey[] = CATEGORIES.map((c) => c.key);

export function isCategoryKey(v: string): v is CategoryKey {
  return (CATEGORY_KEYS as readonly string[]).includes(v);
}
export function categoryByField(field: string) {
  return CATEGORIES.find((c) => c.field === field);
}
export function categoryByKey(key: string) {
  return CATEGORIES.find((c) => c.key === key);
}

/** The length a police item's justification (O10) takes: a statement, not a tick (checkProvision; the inputs' validation). */
export const POLICE_JUSTIFICATION_LENGTH = { min: 10, max: 2000 } as const;
