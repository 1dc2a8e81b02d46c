/**
 * Data exports (issue 15, item 3; docs/exports.md) on a real server: a class session's export
 * unzips into one CSV per documented table, each with exactly the documented header, and holds the
 * rows of a match played to its end; the JSON file parses by its shared schema. Private press is
 * only in a teacher's export of a session that announced it — checked on the raw zip bytes, the
 * unzipped text and the JSON — never in a host's or a player's. Keys as for the record: none 401,
 * a wrong one 403, no such match 404, another seat of a running match 403, any seat once it ended.
 * A communiqué that looks like a formula is defused in the CSV.
 */
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashKey } from "../../server/src/classes/store";
import { createRng } from "../../shared/src";
import { exportColumns, type ExportScope } from "../../shared/src/exports";
import {
  classExportSchema,
  matchExportSchema,
  type CreateAnswer,
  type CreateClassAnswer,
  type StudentView,
} from "../../shared/src/wire";
import { bearer, classKit, errorCode } from "./support/classes";
import { startSeats, type SeatClient } from "./support/clients";
import { api, joinSeat } from "./support/matches";
import { playPhase } from "./support/play";
import { PressClient } from "./support/press";
import { removeDataDir, startInProcess, type InProcessServer } from "./support/server";

let s: InProcessServer;
beforeAll(async () => {
  s = await startInProcess();
});
afterAll(async () => {
  await s.stop();
  removeDataDir(s.dataDir);
});

const kit = classKit();

/** An export as the server sent it: status, headers and bytes. */
interface Fetched {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
}

/** `GET <path>` with a key (or none), as raw bytes. */
async function fetchExport(path: string, key: string | null): Promise<Fetched> {
  const res = await fetch(`${s.url}${path}`, { headers: key === null ? {} : bearer(key) });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** UTF-8 text, a byte-order mark kept (fflate's `strFromU8` drops it). */
const utf8 = (data: Uint8Array): string => new TextDecoder("utf-8", { ignoreBOM: true }).decode(data);

/** The CSV files of a zip export, by table name, as text (each begins with its byte-order mark). */
function csvFiles(bytes: Uint8Array): Map<string, string> {
  const files = unzipSync(bytes);
  return new Map(
    Object.entries(files).map(([name, data]) => [
      name.replace(/^.*\//, "").replace(/\.csv$/, ""),
      utf8(data),
    ]),
  );
}

/** A CSV file's lines (without its byte-order mark), split on CRLF. */
function linesOf(csv: string): string[] {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const lines = csv.slice(1).split("\r\n");
  expect(lines.at(-1)).toBe(""); // the last record ends with CRLF too
  return lines.slice(0, -1);
}

/** Checks every CSV of a zip has exactly the documented columns; answers the files. */
function checkedZip(bytes: Uint8Array, scope: ExportScope): Map<string, string> {
  const files = csvFiles(bytes);
  const tables = exportColumns(scope);
  expect([...files.keys()].sort()).toEqual(tables.map((t) => t.name).sort());
  for (const table of tables) {
    const header = linesOf(files.get(table.name)!)[0];
    expect(header, table.name).toBe(table.columns.map((c) => c.name).join(","));
  }
  return files;
}

/** How many data rows a CSV file has (fields hold no line breaks in these tests). */
const rowCount = (csv: string): number => linesOf(csv).length - 1;

/** Everything an export holds as text: the raw zip bytes, each unzipped file, the JSON. */
function allText(zip: Uint8Array, json: Uint8Array): string {
  const unzipped = Object.values(unzipSync(zip)).map((f) => strFromU8(f));
  return [Buffer.from(zip).toString("latin1"), ...unzipped, strFromU8(json)].join("\n");
}

/** A class session of one student on amber (two bots), one year; the student's seat and press. */
async function classWithOneStudent(
  teacherReadsPress: boolean,
): Promise<{ c: CreateClassAnswer; seat: NonNullable<StudentView["seat"]>; studentKey: string }> {
  const c = await kit.newClass(s, { map: "amber", yearLimit: 1901, teacherReadsPress });
  const student = await kit.join(s, c.code, "Zoë");
  const started = await kit.teacher(s, c, "/start");
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const view = await kit.studentView(s, c, student);
  return { c, seat: view.seat!, studentKey: student.studentKey };
}

/** Plays phases (the humans at random, the bots at once) until the match ends. */
async function playToEnd(seats: readonly (SeatClient | null)[], watcher: SeatClient): Promise<void> {
  const rng = createRng("exports");
  for (let phase = 0; watcher.G.result === null; phase++) {
    if (phase > 12) throw new Error("the match of one year did not end");
    await playPhase(seats, watcher, rng);
  }
}

/** Sends one private letter to another power and a communiqué; both texts unique. */
async function speak(
  seat: { matchID: string; playerID: string; credentials: string; power: string },
  to: string,
  tag: string,
): Promise<{ letter: string; communique: string }> {
  const press = await PressClient.open(s.url, seat.matchID, seat);
  const letter = `private letter ${tag} ${Math.random().toString(36).slice(2)}`;
  const communique = `=HYPERLINK("http://evil.test","${tag}")`;
  try {
    await press.send([to], letter);
    const ack = await press.request("communique", { text: communique });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
  } finally {
    press.stop();
  }
  return { letter, communique };
}

describe("a class session's export", () => {
  it("unzips into the documented tables, with a played match's rows, and the teacher's announced press", async () => {
    const { c, seat } = await classWithOneStudent(true);
    const other = ["ARG", "BAL", "COR", "DAN", "ELB"].find((p) => p !== seat.power)!;
    const [client] = await startSeats(s.url, seat.matchID, 3, [seat]);
    const watcher = client!;
    const other2 = watcher.G.powers.find((p) => p !== seat.power) ?? other;
    const said = await speak(seat, other2, "announced");
    try {
      await playToEnd([watcher], watcher);
    } finally {
      watcher.stop();
    }

    const zip = await fetchExport(`/api/classes/${c.classId}/export.zip`, c.teacherKey);
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(zip.headers.get("cache-control")).toBe("no-store");
    expect(zip.headers.get("content-disposition")).toBe(
      `attachment; filename="entente-class-${c.classId}.zip"`,
    );
    const files = checkedZip(zip.bytes, "class");
    for (const table of ["matches", "phases", "orders", "articles", "standings", "messages", "students"])
      expect(rowCount(files.get(table)!), table).toBeGreaterThan(0);
    expect(rowCount(files.get("matches")!)).toBe(1);
    expect(files.get("students")).toContain(`Zoë,${seat.matchID},${seat.power},`);
    expect(files.get("orders")).toContain(`${seat.matchID},1901-spring-movement,`);

    const json = await fetchExport(`/api/classes/${c.classId}/export.json`, c.teacherKey);
    expect(json.status).toBe(200);
    const parsed = classExportSchema.parse(JSON.parse(strFromU8(json.bytes)));
    expect(parsed.matches).toHaveLength(1);
    expect(parsed.matches[0]).toMatchObject({ matchID: seat.matchID, complete: true, privatePress: true });
    expect(parsed.tables["phases"]!.length).toBe(rowCount(files.get("phases")!));

    // The session told its students the teacher reads private press: the letter is in both files.
    const text = allText(zip.bytes, json.bytes);
    expect(strFromU8(unzipSync(zip.bytes)[`entente-class-${c.classId}/messages.csv`]!)).toContain(
      said.letter,
    );
    expect(strFromU8(json.bytes)).toContain(said.letter);
    // Keys and key hashes never leave: neither the teacher's nor the student's.
    for (const key of [c.teacherKey, seat.credentials]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(hashKey(key));
    }
    // Both answers keep the shared contract (the helper checks each with its route's schema).
    for (const file of ["zip", "json"])
      expect(
        (await api(s, "GET", `/api/classes/${c.classId}/export.${file}`, undefined, bearer(c.teacherKey)))
          .status,
      ).toBe(200);
  }, 120_000);

  it("holds no private press when the session did not announce it; refuses other keys", async () => {
    const { c, seat, studentKey } = await classWithOneStudent(false);
    const [client] = await startSeats(s.url, seat.matchID, 3, [seat]);
    const to = client!.G.powers.find((p) => p !== seat.power)!;
    client!.stop();
    const said = await speak(seat, to, "unannounced");
    expect((await kit.teacher(s, c, `/matches/${seat.matchID}/end`)).status).toBe(200);

    const zip = await fetchExport(`/api/classes/${c.classId}/export.zip`, c.teacherKey);
    const json = await fetchExport(`/api/classes/${c.classId}/export.json`, c.teacherKey);
    expect([zip.status, json.status]).toEqual([200, 200]);
    checkedZip(zip.bytes, "class");
    const text = allText(zip.bytes, json.bytes);
    expect(text).not.toContain(said.letter);
    expect(text).not.toContain("private letter");
    // The communiqué is public: it is there, defused in the CSV, as written in the JSON.
    const messages = csvFiles(zip.bytes).get("messages")!;
    expect(messages).toContain(`"'=HYPERLINK(""http://evil.test"",""unannounced"")"`);
    expect(messages).not.toMatch(/,"=HYPERLINK/);
    const parsed = classExportSchema.parse(JSON.parse(strFromU8(json.bytes)));
    expect(parsed.matches[0]!.privatePress).toBe(false);
    expect(parsed.tables["messages"]!.map((m) => m["text"])).toContain(said.communique);

    // The teacher routes' keys: none 401, a student's 403, another class's teacher 403, no class 404.
    const none = await api(s, "GET", `/api/classes/${c.classId}/export.zip`);
    expect([none.status, errorCode(none)]).toEqual([401, "no-key"]);
    const student = await api(
      s,
      "GET",
      `/api/classes/${c.classId}/export.json`,
      undefined,
      bearer(studentKey),
    );
    expect([student.status, errorCode(student)]).toEqual([403, "wrong-key"]);
    const stranger = await kit.newClass(s, { name: "Period 9" });
    const otherTeacher = await api(
      s,
      "GET",
      `/api/classes/${c.classId}/export.zip`,
      undefined,
      bearer(stranger.teacherKey),
    );
    expect([otherTeacher.status, errorCode(otherTeacher)]).toEqual([403, "wrong-key"]);
    const unknown = await api(
      s,
      "GET",
      `/api/classes/nosuchclass/export.json`,
      undefined,
      bearer(c.teacherKey),
    );
    expect([unknown.status, errorCode(unknown)]).toEqual([404, "unknown-class"]);

    // A class match's own export for its teacher follows the session's word too.
    const own = await fetchExport(`/api/matches/${seat.matchID}/export.json`, c.teacherKey);
    expect(own.status).toBe(200);
    expect(strFromU8(own.bytes)).not.toContain(said.letter);
  }, 60_000);
});

describe("a match's export", () => {
  it("follows the record's keys, gives the host their seat's view, and never private press", async () => {
    const res = await api(s, "POST", "/api/matches", {
      map: "amber",
      players: 3,
      hostName: "Ada",
      yearLimit: 1901,
      seats: [{ kind: "human" }, { kind: "human" }, { kind: "bot", personality: "grudger" }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { matchID, host } = res.body as CreateAnswer;
    const bob = await joinSeat(s, matchID, 1, "Bob");
    const path = `/api/matches/${matchID}/export`;

    const none = await api(s, "GET", `${path}.zip`);
    expect([none.status, errorCode(none)]).toEqual([401, "no-key"]);
    const wrong = await api(s, "GET", `${path}.json`, undefined, bearer("not-a-key-of-this-match"));
    expect([wrong.status, errorCode(wrong)]).toEqual([403, "wrong-key"]);
    const unknown = await api(
      s,
      "GET",
      `/api/matches/nosuchmatch0/export.zip`,
      undefined,
      bearer(host!.credentials),
    );
    expect([unknown.status, errorCode(unknown)]).toEqual([404, "unknown-match"]);
    const early = await api(s, "GET", `${path}.zip`, undefined, bearer(bob.credentials));
    expect([early.status, errorCode(early)]).toEqual([403, "wrong-key"]);

    const seats = await startSeats(s.url, matchID, 3, [host!, bob]);
    const [ada, bobClient] = seats as [SeatClient, SeatClient];
    try {
      const bobSeat = { matchID, ...bob };
      const said = await speak(bobSeat, ada.G.powers[0]!, "bob");
      await playPhase([ada, bobClient], ada, createRng("first"));

      // The host while it runs: 200, their seat's view, the communiqué, no letter.
      const running = await fetchExport(`${path}.json`, host!.credentials);
      expect(running.status).toBe(200);
      const runningJson = matchExportSchema.parse(JSON.parse(strFromU8(running.bytes)));
      expect(runningJson.matches[0]).toMatchObject({ view: "seat", complete: false, privatePress: false });
      expect(runningJson.tables["phases"]).toHaveLength(1);
      const runningZip = await fetchExport(`${path}.zip`, host!.credentials);
      expect(runningZip.headers.get("content-disposition")).toBe(
        `attachment; filename="entente-${matchID}.zip"`,
      );
      checkedZip(runningZip.bytes, "match");
      const runningText = allText(runningZip.bytes, running.bytes);
      expect(runningText).not.toContain(said.letter);
      expect(csvFiles(runningZip.bytes).get("messages")).toContain(
        `"'=HYPERLINK(""http://evil.test"",""bob"")"`,
      );
      expect(csvFiles(runningZip.bytes).get("articles")).toContain(`'=HYPERLINK(`);

      await playToEnd([ada, bobClient], ada);

      // Once it has ended, any seat: the whole match, still without the letter.
      for (const key of [bob.credentials, host!.credentials]) {
        const zip = await fetchExport(`${path}.zip`, key);
        const json = await fetchExport(`${path}.json`, key);
        expect([zip.status, json.status]).toEqual([200, 200]);
        const files = checkedZip(zip.bytes, "match");
        expect(rowCount(files.get("orders")!)).toBeGreaterThan(0);
        expect(rowCount(files.get("standings")!)).toBe(3 * (rowCount(files.get("phases")!) + 1));
        const parsed = matchExportSchema.parse(JSON.parse(strFromU8(json.bytes)));
        expect(parsed.matches[0]).toMatchObject({ view: "whole", complete: true, privatePress: false });
        expect(allText(zip.bytes, json.bytes)).not.toContain(said.letter);
      }
      const stranger = await api(s, "GET", `${path}.zip`, undefined, bearer("not-a-key-of-this-match"));
      expect(stranger.status).toBe(403);
    } finally {
      for (const c of seats) c?.stop();
    }
  }, 120_000);
});
