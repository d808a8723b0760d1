// Tickets typed into a "link incidents" field: ids ("42") or links to ticket pages
// (".../agent/tickets/42"), separated by commas, semicolons or spaces. The API links by id.
export interface TicketRefs {
  ids: number[];
  /** What could not be read as a ticket id, as typed. */
  invalid: string[];
}

const MAX_ID = 2_147_483_647;

export function parseTicketRefs(text: string): TicketRefs {
  const ids = new Set<number>();
  const invalid: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^(\d{1,10})$/.exec(token) ?? /\/tickets\/(\d{1,10})(?:[/?#]|$)/.exec(token);
    const id = m ? Number(m[1]) : NaN;
    if (Number.isInteger(id) && id > 0 && id <= MAX_ID) ids.add(id);
    else invalid.push(token);
  }
  return { ids: [...ids], invalid };
}
