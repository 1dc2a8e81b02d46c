/**
 * The app shell: the header and the routes — landing, a match (play or join), a seat carried to
 * this browser by its device link (`/m/:matchID/continue`), watch, my games,
 * the offline match against bots (`/local`, `/local/play`), the guide (`/guide`) and the class
 * pages (a student's `/join`, `/join/:code` and `/class/:classId/s/:studentId`; a teacher's
 * `/teach`, `/class/:classId/teacher`, and `/class/:classId/projector`, the whole screen without
 * the header) and a match record opened from a file (`/record`); those load their code only when
 * needed. Skip links (SkipLinks.tsx) come first; the routes render in the page's one `<main id="main">`.
 */
import { lazy, Suspense } from "react";
import { ContinuePage } from "./ContinuePage";
import { Landing } from "./Landing";
import { GameLoading, MatchPage, WatchPage } from "./MatchPage";
import { MinePage } from "./MinePage";
import { Link, matchPath, usePath } from "./router";
import { SkipLinks } from "./SkipLinks";
import { GUIDE_PATH } from "../guide/help-text";
import "../guide/help.css";

const LocalPage = lazy(() => import("../local/LocalPage").then((m) => ({ default: m.LocalPage })));
const Guide = lazy(() => import("../guide/Guide").then((m) => ({ default: m.Guide })));
const TeachPage = lazy(() => import("../classroom/TeachPage").then((m) => ({ default: m.TeachPage })));
const Dashboard = lazy(() => import("../classroom/Dashboard").then((m) => ({ default: m.Dashboard })));
const ClassDebriefPage = lazy(() =>
  import("../classroom/ClassDebriefPage").then((m) => ({ default: m.ClassDebriefPage })),
);
const DebriefPage = lazy(() => import("../debrief/DebriefPage").then((m) => ({ default: m.DebriefPage })));
const Projector = lazy(() => import("../classroom/Projector").then((m) => ({ default: m.Projector })));
const JoinPage = lazy(() => import("../classroom/JoinPage").then((m) => ({ default: m.JoinPage })));
const RecordPage = lazy(() => import("../replay/RecordPage").then((m) => ({ default: m.RecordPage })));
const StudentPage = lazy(() => import("../classroom/StudentPage").then((m) => ({ default: m.StudentPage })));

/** A class page while its code loads. */
const classLoading = <div className="page narrow muted">Opening…</div>;

/** The page for a path. */
function Route({ path }: { path: string }) {
  if (path === "/") return <Landing />;
  if (path === "/mine") return <MinePage />;
  if (path === GUIDE_PATH)
    return (
      <Suspense fallback={<div className="page narrow muted">Opening the guide…</div>}>
        <Guide />
      </Suspense>
    );
  if (path === "/local" || path === "/local/play")
    return (
      <Suspense fallback={<GameLoading />}>
        <LocalPage key={path} play={path === "/local/play"} />
      </Suspense>
    );
  if (path === "/record")
    return (
      <Suspense fallback={<div className="page narrow muted">Opening…</div>}>
        <RecordPage />
      </Suspense>
    );
  if (path === "/teach")
    return (
      <Suspense fallback={classLoading}>
        <TeachPage />
      </Suspense>
    );
  if (path === "/join")
    return (
      <Suspense fallback={classLoading}>
        <JoinPage />
      </Suspense>
    );
  const joining = matchPath("/join/:code", path);
  if (joining !== null)
    return (
      <Suspense fallback={classLoading}>
        <JoinPage key={joining["code"]} code={joining["code"]!} />
      </Suspense>
    );
  const student = matchPath("/class/:classId/s/:studentId", path);
  if (student !== null)
    return (
      <Suspense fallback={classLoading}>
        <StudentPage
          key={`${student["classId"]}/${student["studentId"]}`}
          classId={student["classId"]!}
          studentId={student["studentId"]!}
        />
      </Suspense>
    );
  const classDebrief = matchPath("/class/:classId/debrief", path);
  if (classDebrief !== null)
    return (
      <Suspense fallback={classLoading}>
        <ClassDebriefPage key={classDebrief["classId"]} classId={classDebrief["classId"]!} />
      </Suspense>
    );
  const teacher = matchPath("/class/:classId/teacher", path);
  if (teacher !== null)
    return (
      <Suspense fallback={classLoading}>
        <Dashboard key={teacher["classId"]} classId={teacher["classId"]!} />
      </Suspense>
    );
  const debrief = matchPath("/m/:matchID/debrief", path);
  if (debrief !== null)
    return (
      <Suspense fallback={classLoading}>
        <DebriefPage key={debrief["matchID"]} matchID={debrief["matchID"]!} />
      </Suspense>
    );
  const carried = matchPath("/m/:matchID/continue", path);
  if (carried !== null) return <ContinuePage key={carried["matchID"]} matchID={carried["matchID"]!} />;
  const play = matchPath("/m/:matchID", path);
  if (play !== null) return <MatchPage key={play["matchID"]} matchID={play["matchID"]!} />;
  const watch = matchPath("/watch/:matchID", path);
  if (watch !== null) return <WatchPage key={watch["matchID"]} matchID={watch["matchID"]!} />;
  return (
    <div className="page narrow">
      <div className="card">
        <h2>Nothing here</h2>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </div>
    </div>
  );
}

/** The whole app. */
export function App() {
  const path = usePath();
  const wall = matchPath("/class/:classId/projector", path);
  if (wall !== null)
    // The projector is the whole screen: no header, no skip links (nothing to skip to).
    return (
      <main id="main" className="app-wall">
        <Suspense fallback={classLoading}>
          <Projector key={wall["classId"]} classId={wall["classId"]!} />
        </Suspense>
      </main>
    );
  const inGame =
    (path.startsWith("/m/") &&
      matchPath("/m/:matchID/continue", path) === null &&
      matchPath("/m/:matchID/debrief", path) === null) ||
    path.startsWith("/watch/") ||
    path === "/local/play";
  return (
    <div className={`app ${inGame ? "in-game" : ""}`}>
      <SkipLinks inGame={inGame} />
      <header className="site-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden />
          Entente
        </Link>
        <nav aria-label="Main">
          <Link to="/" aria-current={path === "/" ? "page" : undefined}>
            New match
          </Link>
          <Link to="/mine" aria-current={path === "/mine" ? "page" : undefined}>
            My games
          </Link>
          <Link
            to="/local"
            className="nav-wide"
            aria-current={path.startsWith("/local") ? "page" : undefined}
          >
            Play offline
          </Link>
          <Link
            to={GUIDE_PATH}
            className="nav-guide"
            aria-label="How to play"
            aria-current={path === GUIDE_PATH ? "page" : undefined}
          >
            <span className="nav-guide-long">How to play</span>
            <span className="nav-guide-short" aria-hidden="true">
              ?
            </span>
          </Link>
        </nav>
      </header>
      <main id="main">
        <Route path={path} />
      </main>
    </div>
  );
}
