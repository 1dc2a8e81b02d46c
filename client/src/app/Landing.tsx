/**
 * The landing page: the game in two lines, and the form that creates a match. On success the host's
 * seat is remembered in this browser and the invite link is shown with a copy button.
 */
import { PERSONALITIES, PERSONALITY_INFO } from "../../../shared/src/bots/personality";
import type { Tactics } from "../../../shared/src/bots/tactics";
import {
  BotTacticsField,
  FormError,
  NAME_MISSING,
  NameField,
  nameFixed,
  parseYearLimit,
  PresetField,
  YearLimitField,
} from "./fields";
import { PersonalityNotes } from "../guide/Help";
import { GUIDE_PATH } from "../guide/help-text";
import { useEffect, useMemo, useRef, useState, type SubmitEvent } from "react";
import { getMap } from "../../../shared/src/map/registry";
import { ApiError, createMatch, serverInfo, type CreateAnswer, type SeatSpec } from "./api";
import { CopyField } from "./CopyField";
import { Link, navigate } from "./router";
import { saveSeat } from "./seats";

type SeatKind = SeatSpec["kind"];
const MAPS = [
  { id: "classic", label: "Classic (Europe)" },
  { id: "amber", label: "Amber (3–5 players)" },
] as const;
const NAME_KEY = "entente.name";
/** The language-model bots a seat may be, when the server offers them (docs/llm-bots.md). */
const LLM_CHOICES = [
  { id: "llm:honest", label: "Model: honest", title: "Gives notice before it acts against its word." },
  {
    id: "llm:pragmatic",
    label: "Model: pragmatic",
    title: "Weighs its word against its interest.",
  },
  { id: "llm:deceitful", label: "Model: deceitful", title: "May reassure you and strike without notice." },
] as const;

/** Whether a seat's personality is a language-model bot's. */
function isLlmChoice(personality: string | undefined): boolean {
  return personality?.startsWith("llm") ?? false;
}

/** Whether the server offers language-model bots (false until it says so, or when it cannot be asked). */
function useLlmBots(): boolean {
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    let live = true;
    serverInfo()
      .then((info) => {
        if (live) setOffered(info.llmBots);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return offered;
}

/** Player counts a map supports. */
function countsOf(mapId: string): number[] {
  const map = getMap(mapId);
  if (map === null) return [];
  const counts = map.playerCounts === undefined ? [] : [...map.playerCounts.keys()].sort((a, b) => a - b);
  return counts.length > 0 ? counts : [map.powers.length];
}

/** The landing page with the create form. */
export function Landing() {
  const [mapId, setMapId] = useState<string>("classic");
  const counts = useMemo(() => countsOf(mapId), [mapId]);
  const [players, setPlayers] = useState<number>(7);
  const [kinds, setKinds] = useState<SeatKind[]>(() => Array<SeatKind>(16).fill("open"));
  const [hostSeat, setHostSeat] = useState(0);
  const [personalities, setPersonalities] = useState<string[]>(() => Array<string>(16).fill("steady"));
  const [botTactics, setBotTactics] = useState<Tactics>("baseline");
  const [name, setName] = useState(() => window.localStorage.getItem(NAME_KEY) ?? "");
  const [timing, setTiming] = useState<"live" | "slow">("live");
  const [pressMode, setPressMode] = useState<"full" | "public" | "none">("full");
  const [preset, setPreset] = useState("default");
  const [yearLimit, setYearLimit] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const [created, setCreated] = useState<CreateAnswer | null>(null);
  const llmBots = useLlmBots();

  const map = getMap(mapId);
  const count = counts.includes(players) ? players : counts[counts.length - 1]!;
  const powers = map?.playerCounts?.get(count) ?? map?.powers.map((p) => p.id) ?? [];
  const mySeat = hostSeat < powers.length ? hostSeat : 0;
  const firstYear = map?.start.year ?? 1901;

  const submit = async (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const host = name.trim();
    if (host === "") {
      setError(NAME_MISSING);
      nameInput.current?.focus();
      return;
    }
    const limit = parseYearLimit(yearLimit, firstYear);
    if (!limit.ok) {
      setError(limit.message);
      return;
    }
    setBusy(true);
    try {
      const seats = kinds
        .slice(0, count)
        .map(
          (kind, i): SeatSpec =>
            i === mySeat
              ? { kind: "human" }
              : kind === "bot"
                ? { kind, personality: personalities[i] ?? "steady", tactics: botTactics }
                : { kind: "open" },
        );
      const answer = await createMatch({
        map: mapId,
        players: count,
        seats,
        timing,
        pressMode,
        preset,
        yearLimit: limit.year,
        hostName: host,
        hostSeat: mySeat,
      });
      window.localStorage.setItem(NAME_KEY, host);
      if (answer.host !== undefined) saveSeat({ matchID: answer.matchID, ...answer.host, name: host });
      setCreated(answer);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Something went wrong; please try again.");
    } finally {
      setBusy(false);
    }
  };

  if (created !== null) return <Created answer={created} />;

  return (
    <div className="page landing">
      <section className="hero">
        <h1>
          Make promises. <em>Keep some.</em>
        </h1>
        <p className="lede">
          Entente is the classic game of negotiation and simultaneous orders — with signed commitments, a
          newspaper that reports who kept their word, and a reputation that follows you.
        </p>
        <p data-testid="landing-teach" style={{ maxWidth: "28rem" }}>
          <strong>For teachers:</strong>{" "}
          <Link to="/teach" data-testid="landing-teach-link">
            run a class session
          </Link>{" "}
          — students join with a code on the wall, play in teams across many matches, and you steer them all
          from one dashboard.
        </p>
        <ol className="steps">
          <li>Create a match and send the link to your friends — or fill seats with bots.</li>
          <li>Talk, sign commitments, and write your orders before the clock runs out.</li>
          <li>Read the paper after each phase: who kept their word?</li>
        </ol>
        <div className="offline-offer">
          <Link to="/local" className="button" data-testid="play-offline">
            Play offline against bots
          </Link>
          <span className="muted small">No server, no sign-up: the whole game runs in your browser.</span>
        </div>
        <p className="guide-offer">
          New to Entente?{" "}
          <Link to={GUIDE_PATH} data-testid="landing-guide">
            Read how to play
          </Link>{" "}
          — the board in brief, then promises, reputation and the newspaper.
        </p>
        <p className="guide-offer">
          Have a match record?{" "}
          <Link to="/record" data-testid="landing-record">
            Open it and watch the match
          </Link>{" "}
          — phase by phase, checked in your browser.
        </p>
      </section>

      <form className="card create" onSubmit={(e) => void submit(e)} noValidate>
        <h2>Start a match</h2>
        <div className="grid-2">
          <NameField
            testId="create-name"
            value={name}
            onChange={(v) => {
              setName(v);
              if (nameFixed(error, v)) setError(null);
            }}
            placeholder="e.g. Ada"
            className="field span-2"
            errorId={error === NAME_MISSING ? "create-error" : undefined}
            inputRef={nameInput}
          />
          <label className="field">
            <span>Map</span>
            <select
              data-testid="create-map"
              value={mapId}
              onChange={(e) => {
                setMapId(e.target.value);
                const c = countsOf(e.target.value);
                setPlayers(c[c.length - 1]!);
              }}
            >
              {MAPS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Players</span>
            <select
              data-testid="create-players"
              value={count}
              disabled={counts.length < 2}
              onChange={(e) => setPlayers(Number(e.target.value))}
            >
              {counts.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        </div>

        <label className="field">
          <span>You play</span>
          <select
            data-testid="create-host-power"
            value={mySeat}
            onChange={(e) => setHostSeat(Number(e.target.value))}
          >
            {powers.map((p, i) => (
              <option key={p} value={i}>
                {map?.power.get(p)?.name ?? p}
              </option>
            ))}
          </select>
        </label>

        <fieldset className="seats">
          <legend>Seats</legend>
          <ol>
            {powers.map((p, i) => (
              <li key={p} className="seat-row">
                <span className="seat-power">{map?.power.get(p)?.name ?? p}</span>
                {i === mySeat ? (
                  <>
                    <select
                      data-testid={`create-seat-${i}`}
                      value="human"
                      disabled
                      aria-label={`${map?.power.get(p)?.name ?? p}: who plays`}
                    >
                      <option value="human">You</option>
                    </select>
                  </>
                ) : (
                  <>
                    <select
                      data-testid={`create-seat-${i}`}
                      aria-label={`${map?.power.get(p)?.name ?? p}: who plays`}
                      value={kinds[i]}
                      onChange={(e) => {
                        const next = [...kinds];
                        next[i] = e.target.value as SeatKind;
                        setKinds(next);
                      }}
                    >
                      <option value="open">Open — a friend joins by the link</option>
                      <option value="bot">Bot</option>
                    </select>
                    {kinds[i] === "bot" && (
                      <select
                        data-testid={`create-bot-${i}`}
                        aria-label={`${map?.power.get(p)?.name ?? p} bot personality`}
                        value={personalities[i] ?? "steady"}
                        onChange={(e) => {
                          const next = [...personalities];
                          next[i] = e.target.value;
                          setPersonalities(next);
                        }}
                      >
                        {PERSONALITIES.map((id) => (
                          <option key={id} value={id} title={PERSONALITY_INFO[id].description}>
                            {PERSONALITY_INFO[id].name}
                          </option>
                        ))}
                        {llmBots && (
                          <optgroup label="Language-model bot">
                            {LLM_CHOICES.map((c) => (
                              <option key={c.id} value={c.id} title={c.title}>
                                {c.label}
                              </option>
                            ))}
                          </optgroup>
                        )}
                      </select>
                    )}
                  </>
                )}
              </li>
            ))}
          </ol>
          <PersonalityNotes
            testId="create-bot-notes"
            chosen={powers.flatMap((_, i) =>
              i !== mySeat && kinds[i] === "bot" ? [personalities[i] ?? "steady"] : [],
            )}
          />
          {llmBots &&
            powers.some((_, i) => i !== mySeat && kinds[i] === "bot" && isLlmChoice(personalities[i])) && (
              <p className="field-note" data-testid="create-llm-note">
                A language-model bot thinks with this server&apos;s model: it writes its own press and picks
                its orders among the legal ones. When the model is slow or down it plays as a copycat bot of
                the tactics below, in time for every deadline.
              </p>
            )}
          {kinds.slice(0, count).some((k) => k === "bot") && (
            <BotTacticsField testId="create-bot-tactics" value={botTactics} onChange={setBotTactics} />
          )}
          <p className="field-note" data-testid="create-seats-note">
            An open seat waits for a friend with the invite link; the clock starts when every seat is taken.
            As the host you can give a seat nobody takes to a bot, from the game screen.
          </p>
        </fieldset>

        <div className="grid-2">
          <label className="field">
            <span>Timing</span>
            <select
              data-testid="create-timing"
              value={timing}
              onChange={(e) => setTiming(e.target.value as "live" | "slow")}
            >
              <option value="live">Live — 10 min a phase</option>
              <option value="slow">Slow — a day a phase</option>
            </select>
          </label>
          <label className="field">
            <span>Press</span>
            <select
              data-testid="create-press"
              value={pressMode}
              onChange={(e) => setPressMode(e.target.value as "full" | "public" | "none")}
            >
              <option value="full">Full — private and public</option>
              <option value="public">Public statements only</option>
              <option value="none">None (gunboat)</option>
            </select>
          </label>
          <PresetField testId="create-preset" value={preset} onChange={setPreset} />
          <YearLimitField
            testId="create-year-limit"
            value={yearLimit}
            onChange={setYearLimit}
            firstYear={firstYear}
          />
        </div>

        <FormError error={error} id="create-error" />
        <div className="actions">
          <button type="submit" className="button primary" data-testid="create-submit" disabled={busy}>
            {busy ? "Creating…" : "Create the match"}
          </button>
        </div>
      </form>
    </div>
  );
}

/** After creation: the invite link and the way in. */
function Created({ answer }: { answer: CreateAnswer }) {
  const open = answer.seats.filter((s) => s.kind === "open").length;
  return (
    <div className="page narrow">
      <div className="card created">
        <h2>Your match is ready</h2>
        <p>
          {open > 0
            ? `Send this link to the ${open} other player${open === 1 ? "" : "s"}. The clock starts when every seat is taken.`
            : "Every seat is filled. The clock is running."}
        </p>
        <div className="invite">
          <CopyField
            label={null}
            name="the invite link"
            value={answer.invite}
            testId="invite-link"
            copyTestId="copy-invite"
            copyText="Copy link"
            large
          />
        </div>
        <div className="actions">
          <button
            type="button"
            className="button primary"
            data-testid="go-to-match"
            onClick={() => navigate(`/m/${answer.matchID}`)}
          >
            Go to the match
          </button>
        </div>
      </div>
    </div>
  );
}
