/**
 * `/m/:matchID/debrief` (docs/debrief.md): a match's debrief from `GET /api/matches/:id/debrief`,
 * asked with the seat credentials this browser holds for the match — or, with `?class=<classId>`,
 * the teacher key it holds for that class. Before the end only the host (what their seat sees) and
 * the teacher may have it; a refusal is said in plain words.
 */
import { useEffect, useState } from "react";
import { getMap } from "../../../shared/src/map/registry";
import { LOBBY_ROUTES, type MatchDebrief } from "../../../shared/src/wire";
import { ApiError, timedRequest } from "../app/api";
import { Link } from "../app/router";
import { seatFor } from "../app/seats";
import { teacherKeyFor } from "../classroom/teacherKeys";
import { DebriefView } from "./DebriefView";

/** Where the page stands. */
type Load =
  | { readonly kind: "loading" }
  | { readonly kind: "refused"; readonly text: string }
  | { readonly kind: "ready"; readonly debrief: MatchDebrief };

/** The key to ask with: the class's teacher key when the address names a class, else the seat's. */
export function debriefKey(matchID: string, search: string): string | null {
  const classId = new URLSearchParams(search).get("class");
  if (classId !== null) return teacherKeyFor(classId);
  return seatFor(matchID)?.credentials ?? null;
}

/** A refusal in words. */
export function refusalWords(error: unknown): string {
  if (!(error instanceof ApiError)) return "The debrief could not be loaded. Reload the page to try again.";
  switch (error.code) {
    case "no-key":
    case "wrong-key":
      return "Until the match ends, only its host or its class's teacher may see the debrief. Once it has ended, any player of the match may.";
    case "unknown-match":
      return "There is no such match.";
    default:
      return error.message;
  }
}

/** The debrief page. */
export function DebriefPage({ matchID }: { matchID: string }) {
  const [load, setLoad] = useState<Load>({ kind: "loading" });
  useEffect(() => {
    document.title = "Match debrief · Entente";
    const key = debriefKey(matchID, window.location.search);
    if (key === null) {
      setLoad({
        kind: "refused",
        text: "This browser holds no seat of this match (nor the teacher key of its class), so it cannot show the debrief.",
      });
      return;
    }
    const abort = new AbortController();
    const path = LOBBY_ROUTES.debrief.path.replace(":id", encodeURIComponent(matchID));
    timedRequest(LOBBY_ROUTES.debrief.answer, "GET", path, undefined, { key, signal: abort.signal }).then(
      ({ data }) => setLoad({ kind: "ready", debrief: data }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === "AbortError") return;
        setLoad({ kind: "refused", text: refusalWords(error) });
      },
    );
    return () => abort.abort();
  }, [matchID]);

  if (load.kind === "loading")
    return (
      <div className="page narrow">
        <p role="status">Loading the debrief…</p>
      </div>
    );
  if (load.kind === "refused")
    return (
      <div className="page narrow">
        <div className="card" data-testid="debrief-refused">
          <h1 className="page-title">No debrief here</h1>
          <p>{load.text}</p>
          <p>
            <Link to={`/m/${encodeURIComponent(matchID)}`}>Back to the match</Link>
          </p>
        </div>
      </div>
    );
  const map = getMap(load.debrief.map);
  if (map === null) return <p className="page narrow">This debrief is of a map this page does not know.</p>;
  return (
    <div className="page db-page">
      <p className="db-back">
        <Link to={`/m/${encodeURIComponent(matchID)}`}>Back to the match</Link>
      </p>
      <DebriefView debrief={load.debrief} map={map} />
    </div>
  );
}
