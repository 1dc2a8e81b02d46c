/**
 * /record, "Open a match record" (issue 15): a record file (GET /api/matches/:id/record, or
 * `npm run replay`'s input) dropped on the page or chosen with the file picker is read
 * (recordFile.ts), played again in the browser through the rules (`sourceOfRecord`) and checked
 * phase by phase against its checkpoints and final hash (`replayRecord`, sha256). Then it steps
 * through like the History tab — the same `History` — and ends with the match's result. Nothing
 * is asked of a server: a finished match can be shared and watched without the one that played it.
 */
import { useEffect, useId, useState, type DragEvent } from "react";
import { centreCounts } from "../../../shared/src/game/position";
import type { ReplayOutcome } from "../../../shared/src/match/replay";
import type { GameMap } from "../../../shared/src/map/types";
import { getMap } from "../../../shared/src/map/registry";
import type { MatchState } from "../../../shared/src/match/types";
import { sourceOfRecord } from "../../../shared/src/debrief/source";
import type { MatchRecord } from "../../../shared/src/wire/record";
import { resultWords } from "../game/endScreen";
import { History } from "../panels/HistoryPanel";
import { PowerChip, powerName } from "../panels/ui";
import { checkRecord, phaseKeyWords, readRecordFile, verdictWords } from "./recordFile";
import "../panels/panels.css";
import "./replay.css";

/** A record played again: what the page shows once a file is read. */
interface Loaded {
  readonly kind: "loaded";
  readonly file: string; // the file's name
  readonly record: MatchRecord;
  readonly map: GameMap;
  readonly outcome: ReplayOutcome; // the check's verdict
  readonly last: MatchState | null; // the state at the record's end (null: the replay stopped early)
  readonly stopped: string | null; // the phase the replay stopped in (an action refused, no phases to show)
  readonly serial: number; // a new History for each file read
}

/** Where the page is. */
type PageState =
  | { readonly kind: "empty" }
  | { readonly kind: "reading"; readonly file: string }
  | { readonly kind: "refused"; readonly file: string; readonly message: string }
  | Loaded;

/** Lets the page paint ("Replaying…") before the replay takes the thread. */
const nextPaint = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30));

/** Reads, replays and checks a file. */
async function load(file: File, serial: number): Promise<Exclude<PageState, { kind: "empty" | "reading" }>> {
  const name = file.name;
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { kind: "refused", file: name, message: "This file could not be read." };
  }
  const read = readRecordFile(text);
  if (!read.ok) return { kind: "refused", file: name, message: read.message };
  const record = read.record;
  const map = getMap(record.map);
  if (map === null) return { kind: "refused", file: name, message: `This app has no map "${record.map}".` };
  await nextPaint();
  const source = sourceOfRecord(record);
  const outcome = checkRecord(record);
  return {
    kind: "loaded",
    file: name,
    record,
    map,
    outcome,
    last: source.ok ? source.source.last : null,
    stopped: source.ok ? null : phaseKeyWords(source.phase),
    serial,
  };
}

/** The record page. */
export function RecordPage() {
  const inputId = useId();
  const [state, setState] = useState<PageState>({ kind: "empty" });
  const [over, setOver] = useState(false);
  const [serial, setSerial] = useState(0);
  // The pictures' code loads now, so that the downloads work once the server is gone too.
  useEffect(() => {
    void import("./drawing");
  }, []);

  const open = (file: File | undefined) => {
    if (file === undefined) return;
    const next = serial + 1;
    setSerial(next);
    setState({ kind: "reading", file: file.name });
    void load(file, next).then(setState);
  };

  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(false);
    open(e.dataTransfer.files[0]);
  };

  return (
    <div className="page rp-page">
      <h1 className="page-title">Open a match record</h1>
      <p className="muted rp-lede">
        A match record is one file with every move of a match: its host can download it from the server, and
        so can every player once the match has ended. Open one here to watch the match phase by phase — it is
        played again in your browser through the rules and checked against the record, with no server.
      </p>

      <div
        className={`card rp-drop${over ? " rp-over" : ""}`}
        data-testid="record-drop"
        onDragEnter={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="rp-drop-text">Drop a record file (.json) here, or</p>
        <label htmlFor={inputId} className="rp-pick-label">
          Choose a record file
        </label>
        <input
          id={inputId}
          className="rp-pick"
          type="file"
          accept=".json,application/json"
          data-testid="record-file"
          onChange={(e) => {
            open(e.target.files?.[0]);
            e.target.value = ""; // the same file again is read again
          }}
        />
      </div>

      {state.kind === "reading" ? (
        <p className="rp-note" role="status" data-testid="record-reading">
          Replaying {state.file}…
        </p>
      ) : null}
      {state.kind === "refused" ? (
        <p className="rp-error" role="alert" data-testid="record-error">
          <strong>{state.file}:</strong> {state.message}
        </p>
      ) : null}
      {state.kind === "loaded" ? <Replayed loaded={state} /> : null}
    </div>
  );
}

/** A record read: its summary and verdict, its phases, its result. */
function Replayed({ loaded }: { loaded: Loaded }) {
  const { record, map, outcome, last } = loaded;
  const phases = last?.history.length ?? 0;
  const identical = outcome.kind === "identical";
  return (
    <>
      <section className="card rp-summary" aria-labelledby="record-title">
        <h2 id="record-title" data-testid="record-title">
          Match {record.matchID}
        </h2>
        <p className="muted" data-testid="record-facts">
          {loaded.file} · {map.name} · {record.numPlayers} players · {record.actions.length} actions ·{" "}
          {record.checkpoints.length} phases ·{" "}
          {record.complete ? "to the match's end" : "up to its last resolved phase"}
        </p>
        <p
          className={`rp-verdict ${identical ? "rp-identical" : "rp-diverged"}`}
          data-testid="record-verdict"
          data-verdict={identical ? "match" : "diverged"}
          role="status"
        >
          <span aria-hidden="true">{identical ? "✓ " : "✗ "}</span>
          {verdictWords(outcome)}
        </p>
      </section>

      {last === null ? (
        <p className="rp-error" data-testid="record-stopped">
          The replay stopped in {loaded.stopped}, so this record has no phases to step through.
        </p>
      ) : phases === 0 ? (
        <p className="rp-note">No phase of this match was resolved.</p>
      ) : (
        <History key={loaded.serial} G={last} map={map} me={null} matchID={record.matchID} />
      )}

      {last?.result ? <Result G={last} map={map} record={record} /> : null}
    </>
  );
}

/** The match's result: in words, then each power's centres and score. */
function Result({ G, map, record }: { G: MatchState; map: GameMap; record: MatchRecord }) {
  const result = G.result!;
  const words = resultWords(result, record.settings.yearLimit, (p) => powerName(map, p));
  const centres = centreCounts(map, G.position);
  const powers = [...G.powers].sort((a, b) => (result.scores[b] ?? 0) - (result.scores[a] ?? 0));
  return (
    <section className="card rp-result" data-testid="record-result" aria-labelledby="record-result-title">
      <h2 id="record-result-title">{words.title}</h2>
      <p>{words.text}</p>
      <table className="rp-scores">
        <thead>
          <tr>
            <th scope="col">Power</th>
            <th scope="col">Centres</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {powers.map((p) => (
            <tr key={p}>
              <th scope="row">
                <PowerChip map={map} power={p} />
              </th>
              <td>{centres.get(p) ?? 0}</td>
              <td>{Math.round((result.scores[p] ?? 0) * 100) / 100}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
