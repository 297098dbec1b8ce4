/** defineCase(): identity with type checking, so case files read as a list of definitions. */
import type { CaseDefinition } from './types.js';

export function defineCase(def: CaseDefinition): CaseDefinition {
  return def;
}

/** Selects cases by area and by name (exact name, or a substring when no case has that exact name). */
export function selectCases(all: CaseDefinition[], filter: { areas?: string[]; names?: string[] } = {}): CaseDefinition[] {
  let cases = all;
  if (filter.areas && filter.areas.length > 0) {
    const unknown = filter.areas.filter((a) => !all.some((c) => c.area === a));
    if (unknown.length > 0) throw new Error(`unknown area(s): ${unknown.join(', ')}`);
    cases = cases.filter((c) => filter.areas!.includes(c.area));
  }
  if (filter.names && filter.names.length > 0) {
    cases = cases.filter((c) => filter.names!.some((n) => c.name === n || (!all.some((x) => x.name === n) && c.name.includes(n))));
  }
  return cases;
}

/** Throws when two cases share a name (names key deviations, gaps and the report). */
export function assertUniqueNames(cases: CaseDefinition[]): void {
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.name)) throw new Error(`duplicate conformance case name: ${c.name}`);
    seen.add(c.name);
  }
}
