/**
 * The "new class session" form as plain data (no React): what the teacher typed, turned into the
 * body of `POST /api/classes` (`CreateClassRequest`, shared/src/wire/classes.ts), and which field a
 * refusal is about — the form's own checks and the server's 400 (`bad-payload`, whose message
 * starts with the field's path: `timing.movement: …`) both point at one field.
 */
import type { Personality } from "../../../shared/src/bots/personality";
import type { Timing } from "../../../shared/src/wire";
import { MAX_CLASS_MATCHES, MAX_STUDENTS, type CreateClassRequest } from "../../../shared/src/wire";
import type { PressMode } from "../../../shared/src/match/types";

/** One field of the form, by what it sets. */
export type TeachField =
  | "name"
  | "map"
  | "studentsPerPower"
  | "extras"
  | "matches"
  | "timing"
  | "pressMode"
  | "presets"
  | "yearLimit"
  | "bots"
  | "teacherReadsPress"
  | "roster";

/** What the form holds, as typed. */
export interface TeachFormState {
  readonly name: string; // the class's name
  readonly map: string;
  readonly studentsPerPower: number; // 1–4
  readonly extras: "teams" | "observers"; // students beyond the seats: one more on some powers, or watching
  readonly matches: string; // blank: as many as the class fills
  readonly pace: "live" | "daily"; // live minutes per movement phase, or one phase per class day
  readonly minutes: string; // minutes per movement phase (live)
  readonly pressMode: PressMode;
  readonly preset: string;
  readonly secondPreset: string; // "": the same preset in every match
  readonly yearLimit: string; // blank: none
  readonly personality: Personality; // every bot's
  readonly teacherReadsPress: boolean;
  readonly roster: string; // one name per line
}

/** The form as it opens. */
export const TEACH_FORM_DEFAULTS: TeachFormState = {
  name: "",
  map: "classic",
  studentsPerPower: 1,
  extras: "teams",
  matches: "",
  pace: "live",
  minutes: "10",
  pressMode: "full",
  preset: "default",
  secondPreset: "",
  yearLimit: "",
  personality: "steady",
  teacherReadsPress: false,
  roster: "",
};

/** The most minutes a live movement phase may last (the wire's limit: 14 days). */
const MAX_MINUTES = 60 * 24 * 14;

/**
 * The timing of live phases from the minutes a movement phase lasts: retreats and adjustments take
 * a third of that (at least a minute).
 */
export function liveTiming(movement: number): Timing {
  const short = Math.max(1, Math.round(movement / 3));
  return { movement, retreat: short, adjustment: short };
}

/** The roster's names: one a line, trimmed, blank lines dropped, a repeated name (any case) once. */
export function rosterNames(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const line of text.split(/\r?\n/u)) {
    const name = line.trim().replace(/\s+/gu, " ");
    const key = name.toLocaleLowerCase();
    if (name === "" || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

/** A refusal of the form, about one field (null: about the form as a whole). */
export interface FormProblem {
  readonly field: TeachField | null;
  readonly message: string;
}

/** A whole number typed in a field, or null when the text is not one. */
function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d{1,9}$/u.test(t) ? Number(t) : null;
}

/**
 * The request the form makes, or the first problem the form can see itself (the server checks
 * everything again). `firstYear` is the map's first year, for the last-year check.
 */
export function classRequestOf(
  form: TeachFormState,
  firstYear: number,
): { readonly ok: true; readonly request: CreateClassRequest } | ({ readonly ok: false } & FormProblem) {
  const name = form.name.trim();
  if (name === "")
    return { ok: false, field: "name", message: "Give the class a name, e.g. “IR 101, Tuesday”." };

  let matches: number | undefined;
  if (form.matches.trim() !== "") {
    const n = wholeNumber(form.matches);
    if (n === null || n < 1 || n > MAX_CLASS_MATCHES)
      return {
        ok: false,
        field: "matches",
        message: `Number of matches: a whole number from 1 to ${MAX_CLASS_MATCHES}, or empty for as many as the class fills.`,
      };
    matches = n;
  }

  let timing: CreateClassRequest["timing"] = "daily";
  if (form.pace === "live") {
    const m = wholeNumber(form.minutes);
    if (m === null || m < 1 || m > MAX_MINUTES)
      return {
        ok: false,
        field: "timing",
        message: `Minutes per movement phase: a whole number from 1 to ${MAX_MINUTES}.`,
      };
    timing = liveTiming(m);
  }

  let yearLimit: number | null = null;
  if (form.yearLimit.trim() !== "") {
    const y = wholeNumber(form.yearLimit);
    if (y === null || y < firstYear)
      return {
        ok: false,
        field: "yearLimit",
        message: `Last year played: a year from ${firstYear} on, or empty for none.`,
      };
    yearLimit = y;
  }

  const roster = rosterNames(form.roster);
  if (roster.length > MAX_STUDENTS)
    return {
      ok: false,
      field: "roster",
      message: `The roster holds ${roster.length} names; a class takes at most ${MAX_STUDENTS}.`,
    };

  const presets =
    form.secondPreset === "" || form.secondPreset === form.preset
      ? [form.preset]
      : [form.preset, form.secondPreset];

  const request: CreateClassRequest = {
    name,
    map: form.map,
    studentsPerPower: form.studentsPerPower,
    extras: form.extras,
    timing,
    pressMode: form.pressMode,
    presets,
    yearLimit,
    bots: { personality: form.personality },
    teacherReadsPress: form.teacherReadsPress,
    ...(matches === undefined ? {} : { matches }),
    ...(roster.length === 0 ? {} : { roster }),
  };
  return { ok: true, request };
}

/** The wire's top-level field names, as the form's fields. */
const FIELD_OF_KEY: Readonly<Record<string, TeachField>> = {
  name: "name",
  map: "map",
  studentsPerPower: "studentsPerPower",
  extras: "extras",
  matches: "matches",
  timing: "timing",
  pressMode: "pressMode",
  presets: "presets",
  yearLimit: "yearLimit",
  bots: "bots",
  teacherReadsPress: "teacherReadsPress",
  roster: "roster",
};

/**
 * The field a refusal's message names (`roster[3]: must be at most 40 characters` → `roster`), or
 * null when it names none of the form's fields.
 */
export function fieldOfMessage(message: string): TeachField | null {
  const head = /^([A-Za-z]+)(?:[.[][^:]*)?:/u.exec(message);
  if (head === null) return null;
  return FIELD_OF_KEY[head[1]!] ?? null;
}

/** A refusal's message for people: the field's path in words instead of the wire's name. */
export function problemText(message: string, field: TeachField | null): string {
  if (field === null) return message;
  const rest = message.replace(/^[^:]*:\s*/u, "");
  const roster = /^roster\[(\d+)\]/u.exec(message);
  if (roster !== null) return `${FIELD_WORDS.roster}, name ${Number(roster[1]) + 1}: ${rest}`;
  return `${FIELD_WORDS[field]}: ${rest}`;
}

/** Each field's label, as a refusal names it. */
export const FIELD_WORDS: Readonly<Record<TeachField, string>> = {
  name: "Class name",
  map: "Map",
  studentsPerPower: "Students per power",
  extras: "Extra students",
  matches: "Number of matches",
  timing: "Timing",
  pressMode: "Press",
  presets: "Rules preset",
  yearLimit: "Last year played",
  bots: "Bots",
  teacherReadsPress: "Reading private press",
  roster: "Roster",
};
