/**
 * "Download data": a match's or a class session's data export (docs/exports.md) saved as CSV
 * files in a zip or as one JSON file, fetched with the reader's key (a seat's credentials or the
 * teacher key). A refusal — not yet allowed, a wrong key, no server — is said under the buttons.
 */
import { useState, type ReactNode } from "react";
import { ApiError } from "./api";
import { downloadWithKey } from "./downloads";
import { Link } from "./router";
import { seatFor } from "./seats";
import "./export-buttons.css";

/** What the buttons need. */
export interface ExportButtonsProps {
  readonly path: string; // the export's path without its ending, e.g. `/api/matches/<id>/export`
  readonly keyOf: () => string | null; // the key to send, read when a button is pressed
  readonly baseName: string; // the saved file's name without its ending, e.g. `entente-<matchId>`
  readonly recordPath?: string; // a match's record (docs/replay.md), offered as a third file
}

/** One file the buttons offer. */
interface OfferedFile {
  readonly id: string; // for its test id: `export-<id>`
  readonly label: string;
  readonly path: string;
  readonly fileName: string;
}

/** The files of an export: CSV in a zip, one JSON file, and a match's record when there is one. */
function filesOf({ path, baseName, recordPath }: ExportButtonsProps): OfferedFile[] {
  const files: OfferedFile[] = [
    { id: "zip", label: "Data (CSV, zip)", path: `${path}.zip`, fileName: `${baseName}.zip` },
    { id: "json", label: "Data (JSON)", path: `${path}.json`, fileName: `${baseName}.json` },
  ];
  if (recordPath !== undefined)
    files.push({
      id: "record",
      label: "Record (for replays)",
      path: recordPath,
      fileName: `${baseName}-record.json`,
    });
  return files;
}

/** Why a download failed, in words for the reader. */
function refusalText(error: unknown): string {
  if (!(error instanceof ApiError)) return "The download failed. Try again.";
  if (error.code === "wrong-key" || error.code === "no-key")
    return `The server refused the data: ${error.message}.`;
  return error.message;
}

/** The "Download data" buttons, and why a download was refused. */
export function ExportButtons(props: ExportButtonsProps): ReactNode {
  const { keyOf } = props;
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const download = async (file: OfferedFile): Promise<void> => {
    const key = keyOf();
    if (key === null) {
      setError("This browser holds no key for this data (open the page from your own link).");
      return;
    }
    setBusy(file.id);
    setError(null);
    try {
      await downloadWithKey(file.path, key, file.fileName);
    } catch (e) {
      setError(refusalText(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="export-buttons" data-testid="export-buttons">
      <div className="actions" role="group" aria-label="Download data">
        {filesOf(props).map((f) => (
          <button
            key={f.id}
            type="button"
            className="button ghost"
            disabled={busy !== null}
            aria-busy={busy === f.id}
            data-testid={`export-${f.id}`}
            onClick={() => void download(f)}
          >
            {busy === f.id ? "Preparing…" : f.label}
          </button>
        ))}
      </div>
      {error !== null && (
        <p className="field-error" role="alert" data-testid="export-error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A match's "Download data" on its end screen, for the seat this browser holds (a class student's
 * seat too: its credentials are the student key). Nothing for a spectator or an offline match.
 */
export function MatchExportButtons(props: { readonly matchID: string }): ReactNode {
  const { matchID } = props;
  if (seatFor(matchID) === null) return null;
  return (
    <div className="end-export" data-testid="end-export">
      <p>
        The match's data, for a spreadsheet or your own analysis, and its record: open it at{" "}
        <Link to="/record">/record</Link> to watch the match again, anywhere.
      </p>
      <ExportButtons
        path={`/api/matches/${encodeURIComponent(matchID)}/export`}
        recordPath={`/api/matches/${encodeURIComponent(matchID)}/record`}
        keyOf={() => seatFor(matchID)?.credentials ?? null}
        baseName={`entente-${matchID}`}
      />
    </div>
  );
}
