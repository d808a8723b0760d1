// Generated incidents with planted recurring incidents, for the clustering quality test and
// the bench. A planted incident is one thing going wrong one way at one client over a few
// hours to days, told by each reporter in their own words: French or English, synonyms,
// typos, greetings and unrelated sentences, the error code or the context sometimes left out.
// Noise tickets are drawn from the same things, symptoms and filler, each with its own
// details, so topics share vocabulary; a (client, thing, symptom) combination used by a planted
// incident is kept out of that client's noise, so that the truth is not ambiguous.
import { seededRandom, type Rng } from '../../../../common/seeded-random.ts';
import {
  ASIDES, BUILDINGS, MUSINGS, CATEGORY_NAMES, CITIES, CLIENTS, COMPLAINT_OBJECTS, COMPLAINT_VERBS, CONTEXTS, DETAILS, FILES, FILLER, PEOPLE, PROBLEM_SENTENCES, SYMPTOMS, TEAMS, THINGS, TITLE_SHAPES, TRIGGERS,
  type Lang,
} from './planted-vocabulary.ts';

export { CATEGORY_NAMES };

export interface GeneratedIncident {
  id: number;
  title: string;
  description: string;
  categoryId: number | null;
  organisationId: number | null;
  createdAt: string;
}

export interface PlantedCluster {
  organisationId: number | null;
  categoryId: number;
  size: number;
  /** Thing, symptom and code, for reading a failure. */
  label: string;
}

export interface PlantedSet {
  tickets: GeneratedIncident[];
  /** Per ticket (same order): index of its planted cluster, or -1 for noise. */
  plantedOf: Int32Array;
  clusters: PlantedCluster[];
}

export interface PlantOptions {
  seed: number;
  noise: number;
  clusters: number;
  /** Organisation ids are 1..organisations; some tickets have none (null). */
  organisations: number;
  days: number;
  /** End of the generated period (ms since epoch). */
  now: number;
  minSize?: number;
  maxSize?: number;
  /** Share of tickets (and planted incidents) without an organisation. */
  noOrganisationShare?: number;
  firstId?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Incident {
  thing: number;
  symptom: number;
  /** Noise: its own complaint (verb, object indices) instead of a listed symptom. */
  complaint?: [number, number];
  /** Index into TRIGGERS, or -1 (noise tickets often say nothing of when it happens). */
  trigger: number;
  context: number;
  slots: Record<string, string>;
  code: string;
}

const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => '0123456789ABCDEF'[rng.int(16)]).join('');
const digits = (rng: Rng, n: number) => String(10 ** (n - 1) + rng.int(9 * 10 ** (n - 1)));

function errorCode(rng: Rng): string {
  switch (rng.int(4)) {
    case 0: return `0x8007${hex(rng, 4)}`;
    case 1: return `ERR-${digits(rng, 4)}`;
    case 2: return `SC${digits(rng, 3)}`;
    default: return `E${digits(rng, 3)}-${hex(rng, 2)}`;
  }
}

function contextSlots(rng: Rng): Record<string, string> {
  return {
    kb: `KB50${digits(rng, 5)}`,
    host: `SRV-${['LYO', 'PAR', 'GRE', 'MRS'][rng.int(4)]}${digits(rng, 2)}`,
    bldg: rng.pick(BUILDINGS),
    floor: String(1 + rng.int(6)),
    ver: `${2 + rng.int(4)}.${rng.int(20)}.${rng.int(10)}`,
  };
}

function newIncident(rng: Rng, thing: number, symptom: number, trigger: number): Incident {
  return { thing, symptom, trigger, context: rng.int(CONTEXTS.length), slots: contextSlots(rng), code: errorCode(rng) };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** People mostly use the usual word: the first synonym more often than the others. */
function synonym(rng: Rng, words: string[]): string {
  const r = rng.next();
  return words[r < 0.55 ? 0 : r < 0.85 || words.length < 3 ? Math.min(1, words.length - 1) : 2];
}

/** One typo in a word: two letters swapped, one dropped or one doubled. */
function typo(rng: Rng, word: string): string {
  const i = 1 + rng.int(word.length - 2);
  switch (rng.int(3)) {
    case 0: return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1: return word.slice(0, i) + word.slice(i + 1);
    default: return word.slice(0, i) + word[i] + word.slice(i);
  }
}

function withTypos(rng: Rng, text: string, rate: number): string {
  return text.replace(/\p{L}{5,}/gu, (w) => (rng.chance(rate) ? typo(rng, w) : w));
}

/** How often a ticket mentions its incident's context and error code. */
interface Specificity {
  context: number;
  code: number;
}

/** Text of one ticket about `inc`, worded afresh. */
function tellIncident(rng: Rng, inc: Incident, lang: Lang, specific: Specificity): { title: string; description: string } {
  const thingName = synonym(rng, THINGS[inc.thing].names[lang]);
  const values: Record<string, string> = {
    ...inc.slots,
    thing: thingName,
    Thing: capitalise(thingName),
    symptom: inc.complaint
      ? `${COMPLAINT_VERBS[lang][inc.complaint[0]]} ${COMPLAINT_OBJECTS[lang][inc.complaint[1]]}`
      : synonym(rng, SYMPTOMS[inc.symptom][lang]),
    trigger: inc.trigger >= 0 && rng.chance(0.85) ? synonym(rng, TRIGGERS[inc.trigger][lang]) : '',
    code: inc.code,
    ext: digits(rng, 4),
    asset: `PC-${digits(rng, 5)}`,
    room: `${'ABCDEFG'[rng.int(7)]}${digits(rng, 3)}`,
    team: rng.pick(TEAMS),
    client: rng.pick(CLIENTS),
    person: rng.pick(PEOPLE),
    city: rng.pick(CITIES),
    hour: String(8 + rng.int(10)),
    order: `${['CMD', 'DEV', 'INC', 'PO'][rng.int(4)]}-${digits(rng, 5)}`,
    file: `${rng.pick(FILES)}_${2025 + rng.int(2)}_${digits(rng, 2)}.${['xlsx', 'docx', 'pdf', 'pptx'][rng.int(4)]}`,
  };
  values.context = synonym(rng, CONTEXTS[inc.context][lang]).replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? k);
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? k).replace(/ +([.,)]|$)/g, '$1');
  const withCode = rng.chance(specific.code);

  const shapes = TITLE_SHAPES[lang].filter((s) => withCode || !s.includes('{code}'));
  const title = fill(rng.pick(shapes));

  const sentences: string[] = [];
  const problem = PROBLEM_SENTENCES[lang];
  // The problem restated, with the context when the reporter knows it, and the error code.
  sentences.push(fill(rng.chance(specific.context) ? problem[0] : problem[2]));
  if (withCode) sentences.push(fill(rng.pick([problem[1], problem[3]])));
  // The reporter's own situation: references of their own, sometimes a sentence, in any order.
  const own: string[] = [];
  for (let k = rng.int(2); k > 0; k--) own.push(fill(rng.pick(ASIDES[lang])));
  if (rng.chance(0.2)) own.push(fill(rng.pick(DETAILS[lang])));
  // What they suspect: a few words from anywhere in IT.
  if (rng.chance(0.4)) {
    const words = Array.from({ length: 1 + rng.int(3) }, () => rng.pick(MUSINGS[lang]));
    own.push(lang === 'fr' ? `Peut-être lié : ${words.join(', ')}.` : `Maybe related: ${words.join(', ')}.`);
  }
  if (rng.chance(0.2)) own.push(fill(rng.pick(FILLER[lang].slice(3))));
  for (const line of own) sentences.splice(rng.int(sentences.length + 1), 0, line);
  // Greetings and closings are everywhere (so common they are ignored).
  if (rng.chance(0.7)) sentences.unshift(rng.pick(FILLER[lang].slice(0, 3)));
  if (rng.chance(0.6)) sentences.push(rng.pick(FILLER[lang].slice(6, 9)));
  // Some reporters write one line and nothing else.
  const description = rng.chance(0.1) ? fill(problem[2]) : sentences.join(' ');
  return { title: withTypos(rng, title, 0.03), description: withTypos(rng, description, 0.03) };
}

function clusterSize(rng: Rng, min: number, max: number): number {
  // More small clusters than large ones.
  return min + Math.floor((max - min + 1) * rng.next() ** 2);
}

export function generatePlantedIncidents(o: PlantOptions): PlantedSet {
  const rng = seededRandom(o.seed);
  const minSize = o.minSize ?? 3;
  const maxSize = o.maxSize ?? 20;
  const noOrg = o.noOrganisationShare ?? 0.05;
  const start = o.now - o.days * DAY;
  const pickOrg = (): number | null => (rng.chance(noOrg) ? null : 1 + rng.int(o.organisations));
  // Most clients write in French, one in three in English; 15% of tickets in the other language.
  const langOf = (org: number | null): Lang => ((org ?? 0) % 3 === 2) !== rng.chance(0.1) ? 'en' : 'fr';
  const reserved = new Set<string>();
  const key = (org: number | null, thing: number, symptom: number) => `${org}:${thing}:${symptom}`;

  const tickets: GeneratedIncident[] = [];
  const plantedOf: number[] = [];
  const clusters: PlantedCluster[] = [];
  let nextId = o.firstId ?? 1;
  const push = (t: Omit<GeneratedIncident, 'id'>, planted: number) => {
    tickets.push({ id: nextId++, ...t });
    plantedOf.push(planted);
  };

  let previous: { inc: Incident; org: number | null; from: number } | undefined;
  for (let c = 0; c < o.clusters; c++) {
    let org = pickOrg();
    let inc: Incident;
    const last = c === o.clusters - 1 && previous !== undefined;
    if (last && o.organisations > 1) {
      // An outage at a shared supplier: the previous incident again, at another client.
      inc = previous!.inc;
      while (org === previous!.org || org === null) org = 1 + rng.int(o.organisations);
    } else {
      // Every fifth incident hits the same thing at the same client as the one before, differently.
      const sibling = c % 5 === 4 && previous !== undefined;
      if (sibling) org = previous!.org;
      let thing: number;
      let symptom: number;
      do {
        thing = sibling ? previous!.inc.thing : rng.int(THINGS.length);
        symptom = rng.int(SYMPTOMS.length);
      } while (reserved.has(key(org, thing, symptom)) || (sibling && symptom === previous!.inc.symptom));
      inc = newIncident(rng, thing, symptom, rng.int(TRIGGERS.length));
    }
    reserved.add(key(org, inc.thing, inc.symptom));
    const size = clusterSize(rng, minSize, maxSize);
    const span = rng.between(2 * HOUR, Math.min(7 * DAY, o.days * DAY / 2));
    const from = last ? previous!.from : rng.between(start, o.now - span);
    const categoryId = THINGS[inc.thing].category + 1;
    for (let k = 0; k < size; k++) {
      const text = tellIncident(rng, inc, langOf(org), { context: 0.85, code: 0.85 });
      const createdAt = new Date(from + rng.next() * span).toISOString();
      push({ ...text, categoryId: rng.chance(0.2) ? null : categoryId, organisationId: org, createdAt }, c);
    }
    clusters.push({ organisationId: org, categoryId, size, label: `${THINGS[inc.thing].names.en[0]} / ${SYMPTOMS[inc.symptom].en[0]} / ${TRIGGERS[inc.trigger].en[0]} / ${inc.code}` });
    previous = { inc, org, from };
  }

  // A client's noise says the same thing (thing and symptom) at most twice: three would be a
  // recurring incident nobody planted. Past that (very large sets), the least used is taken.
  const noiseUse = new Map<string, number>();
  for (let k = 0; k < o.noise; k++) {
    const org = pickOrg();
    let thing = 0;
    let symptom = 0;
    for (let attempt = 0; attempt < 50; attempt++) {
      thing = rng.int(THINGS.length);
      symptom = rng.int(SYMPTOMS.length);
      if (!reserved.has(key(org, thing, symptom)) && (noiseUse.get(key(org, thing, symptom)) ?? 0) < 2) break;
    }
    noiseUse.set(key(org, thing, symptom), (noiseUse.get(key(org, thing, symptom)) ?? 0) + 1);
    // Each noise ticket has details of its own: a code, a context, its own slot values; most
    // word their own complaint, some use the listed symptoms (as planted incidents do).
    const inc = newIncident(rng, thing, symptom, rng.chance(0.3) ? rng.int(TRIGGERS.length) : -1);
    if (rng.chance(0.8)) inc.complaint = [rng.int(COMPLAINT_VERBS.fr.length), rng.int(COMPLAINT_OBJECTS.fr.length)];
    const text = tellIncident(rng, inc, langOf(org), { context: 0.25, code: 0.4 });
    const categoryId = rng.chance(0.2) ? null : rng.chance(0.05) ? 1 + rng.int(CATEGORY_NAMES.length) : THINGS[thing].category + 1;
    push({ ...text, categoryId, organisationId: org, createdAt: new Date(start + rng.next() * (o.now - start)).toISOString() }, -1);
  }

  // Shuffled, then numbered again in creation order, as a helpdesk numbers its tickets.
  const order = tickets.map((_, i) => i).sort((a, b) => tickets[a].createdAt.localeCompare(tickets[b].createdAt) || a - b);
  const firstId = o.firstId ?? 1;
  return {
    tickets: order.map((i, n) => ({ ...tickets[i], id: firstId + n })),
    plantedOf: Int32Array.from(order.map((i) => plantedOf[i])),
    clusters,
  };
}

/** Pairwise precision and recall of found clusters (lists of ticket indices) against the planted ones. */
export function pairwiseScores(plantedOf: Int32Array, found: number[][]): { precision: number; recall: number; f1: number; foundPairs: number; truePairs: number } {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const plantedSizes = new Map<number, number>();
  for (const p of plantedOf) if (p >= 0) plantedSizes.set(p, (plantedSizes.get(p) ?? 0) + 1);
  let truePairs = 0;
  for (const n of plantedSizes.values()) truePairs += pairs(n);
  let foundPairs = 0;
  let correct = 0;
  for (const members of found) {
    foundPairs += pairs(members.length);
    const byPlanted = new Map<number, number>();
    for (const i of members) if (plantedOf[i] >= 0) byPlanted.set(plantedOf[i], (byPlanted.get(plantedOf[i]) ?? 0) + 1);
    for (const n of byPlanted.values()) correct += pairs(n);
  }
  const precision = foundPairs === 0 ? 1 : correct / foundPairs;
  const recall = truePairs === 0 ? 1 : correct / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, foundPairs, truePairs };
}
