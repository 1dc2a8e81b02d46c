/**
 * The game screen of a match on the server, for a seat or (with `seat` null) a spectator: the
 * connection (`useMatch`), the press socket (`usePress`) and the lobby's view of the match (seats,
 * deadline, a pause) feed the shared `GameView`, with the deadline (or the pause, with Resume for
 * a seat; a class match its teacher paused says so, with no Resume), a seat's "Notify me" switch
 * (`NotifyToggle`, `useNotifications`) and the connection in the bar, and for the match's host the
 * table controls (`HostPanel`). For a class seat (or a student placed to watch), the class bar
 * (`ClassBar`: the teacher's words, a pause, the team) stands in for the device link, which class
 * seats do not make.
 */
import { useEffect, useState } from "react";
import { phaseKey } from "../../../shared/src/game/position";
import { getMatchTimed, type MatchInfo } from "../app/api";
import { PausedNotice } from "../app/Paused";
import { Link } from "../app/router";
import { ClassBar } from "../classroom/ClassBar";
import { classSeatForMatch } from "../classroom/classSeats";
import { Deadline } from "./Deadline";
import { DeviceLink } from "./DeviceLink";
import { GameView } from "./GameView";
import { HostPanel } from "./HostPanel";
import { NotifyToggle } from "./NotifyToggle";
import { useMatch, type MatchHandle } from "./useMatch";
import { useNotifications, useNotifyChoice } from "./useNotifications";
import { usePress } from "./usePress";

/** The screen of one match, for a seat or (with `seat` null) a spectator. */
export function GameScreen({
  matchID,
  seat,
}: {
  matchID: string;
  seat: { playerID: string; credentials: string } | null;
}) {
  const match = useMatch({
    matchID,
    playerID: seat?.playerID ?? null,
    credentials: seat?.credentials ?? null,
  });
  const press = usePress({
    matchID,
    playerID: seat?.playerID ?? null,
    credentials: seat?.credentials ?? null,
  });
  const [info, setInfo, offset] = useMatchInfo(match, press.tableChanges ?? 0);
  const notify = useNotifyChoice();
  useNotifications({ match, press, deadline: info?.deadline ?? null, offset, on: notify.on });
  const [classSeat] = useState(() => classSeatForMatch(matchID, seat?.credentials ?? null));
  const classBar = classSeat !== null && <ClassBar classSeat={classSeat} matchID={matchID} seat={seat} />;

  if (match.error?.move === "sync")
    return (
      <div className="page narrow">
        <div className="card">
          <h2>This seat could not connect</h2>
          <p>
            {match.error.message}. The seat may have been given up or taken over, or its player signed this
            device out (by revoking its link).
          </p>
          <p>
            <Link to={`/watch/${matchID}`}>Watch the match instead</Link>
          </p>
          {classBar}
        </div>
      </div>
    );

  const openSeats = info?.seats.filter((s) => s.kind === "open").length ?? 0;
  const seatNames = (info?.seats ?? []).map((s) =>
    s.kind === "open" ? "open seat" : s.botActive ? `${s.name ?? "player"} · a bot stands in` : s.name,
  );

  return (
    <GameView
      match={match}
      press={press}
      spectator={seat === null}
      seatNames={seatNames}
      loading={match.connected ? "Loading the board…" : "Connecting to the match…"}
      host={
        <HostPanel
          info={info}
          seat={seat}
          nameOf={(p) => match.map?.power.get(p)?.name ?? p}
          onChanged={setInfo}
        />
      }
      seatTools={
        classSeat !== null
          ? classBar
          : seat !== null && (
              <DeviceLink matchID={matchID} seat={seat} ended={(match.G?.result ?? null) !== null} />
            )
      }
      status={
        <>
          {info?.teacherHeld === true && info.gameover === null ? (
            <span className="paused compact class-held" data-testid="paused" role="status">
              Paused by the teacher
            </span>
          ) : info?.paused === true && info.gameover === null ? (
            <PausedNotice match={info} seat={seat} onResumed={setInfo} compact />
          ) : (
            <Deadline
              deadline={info?.deadline ?? null}
              offset={offset}
              waiting={openSeats > 0 ? `Waiting for ${openSeats} player${openSeats === 1 ? "" : "s"}` : null}
            />
          )}
          {seat !== null && <NotifyToggle choice={notify} />}
          <span
            className={`connection ${match.connected ? "ok" : "down"}`}
            data-testid="connection-status"
            role="status"
          >
            <span className="dot" aria-hidden />
            {match.connected ? "Connected" : match.reconnecting ? "Reconnecting…" : "Connecting…"}
          </span>
        </>
      }
    />
  );
}

/**
 * The lobby's view of the match (deadline, seats, a pause), fetched again on every new phase and
 * whenever the press socket says the seats changed (`tableChanges`: a friend sat down), and
 * with a setter for an answer that carries it (resume). A paused match is looked at more often:
 * a player's move resumes it. Third: how far the server's clock is ahead of this browser's, measured
 * on each answer (0 until one says), so the countdown is right on a browser whose clock is off.
 */
function useMatchInfo(
  match: MatchHandle,
  tableChanges: number,
): [MatchInfo | null, (info: MatchInfo) => void, number] {
  const [info, setInfo] = useState<MatchInfo | null>(null);
  const [offset, setOffset] = useState(0);
  const p = match.G?.position;
  const key = p === undefined ? "" : `${phaseKey(p)}-${match.connected}`;
  const readyCount = match.G === null ? 0 : Object.values(match.G.ready).filter(Boolean).length;
  const paused = info?.paused === true;
  useEffect(() => {
    let live = true;
    const load = () =>
      getMatchTimed(match.matchID)
        .then((answer) => {
          if (!live) return;
          setInfo(answer.info);
          if (answer.offset !== null) setOffset(answer.offset);
        })
        .catch(() => undefined);
    void load();
    // The clock starts when the last open seat is taken; look again now and then until it runs.
    const t = window.setInterval(() => void load(), paused ? 5_000 : 15_000);
    return () => {
      live = false;
      window.clearInterval(t);
    };
  }, [match.matchID, key, readyCount, paused, tableChanges]);
  return [info, setInfo, offset];
}
