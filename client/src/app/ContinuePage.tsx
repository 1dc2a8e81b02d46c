/**
 * `/m/:matchID/continue#<token>`: a seat's private device link opened on another browser. The token
 * is read from the fragment and wiped from the address bar at once (it is the seat), redeemed with
 * the lobby (`POST /api/matches/:id/continue`), and the seat it carries is kept in this browser
 * (`seats.ts`), which then opens the match as that seat. A link that does not work says why, with a
 * way to watch the match instead.
 */
import { useEffect, useRef, useState } from "react";
import { ApiError, continueOnDevice } from "./api";
import { continueRefusal } from "./deviceLinks";
import { Link, navigate } from "./router";
import { saveSeat } from "./seats";

/** Redeems the link in the address bar, then opens the match as its seat. */
export function ContinuePage({ matchID }: { matchID: string }) {
  const [refused, setRefused] = useState<{ title: string; text: string } | null>(null);
  const started = useRef(false); // the link works once: redeem it once, even if React runs this twice

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const token = window.location.hash.slice(1);
    // The token is the seat: off the address bar (and out of the history) before anything else.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    if (token === "") {
      setRefused(continueRefusal("missing-token", ""));
      return;
    }
    continueOnDevice(matchID, token)
      .then((grant) => {
        saveSeat(grant);
        navigate(`/m/${encodeURIComponent(matchID)}`, { replace: true });
      })
      .catch((e: unknown) => {
        setRefused(
          e instanceof ApiError
            ? continueRefusal(e.code, e.message)
            : continueRefusal("error", "Something went wrong; please try again."),
        );
      });
  }, [matchID]);

  if (refused === null) return <div className="page narrow muted">Opening your seat…</div>;
  return (
    <div className="page narrow">
      <div className="card" data-testid="continue-refused">
        <h1>{refused.title}</h1>
        <p>{refused.text}</p>
        <p className="actions">
          <Link to={`/watch/${matchID}`} className="button primary">
            Watch the match
          </Link>
          <Link to="/mine" className="button ghost">
            My games
          </Link>
        </p>
      </div>
    </div>
  );
}
