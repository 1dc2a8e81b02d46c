/**
 * The Press panel: private conversations, one-to-one and in groups (the recipients ticked on the
 * left make the conversation shown), each thread with its unread badge; communiqués — public
 * statements printed in the next edition; and leaking a received message, after a dialog that
 * says what it costs. Respects the match's press mode: none (gunboat) says so; public shows
 * communiqués only.
 */
import { useEffect, useMemo, useState, type SubmitEvent, type SyntheticEvent } from "react";
import { eliminatedPowers } from "../../../shared/src/game/phases";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import type { MatchState } from "../../../shared/src/match/types";
import { formatSeason } from "../../../shared/src/newspaper/headlines";
import { getPreset } from "../../../shared/src/trust/presets";
import type { PressState } from "../game/usePress";
import {
  COMMUNIQUES_KEY,
  conversationKey,
  conversations,
  itemsIn,
  participantsOf,
  type PressItem,
} from "./press-logic";
import type { PanelProps } from "./types";
import { ConfirmDialog, PowerChip, PowerChips, powerName, Refusal } from "./ui";
import "./panels.css";

/** The ids of messages already leaked: pending in this phase or printed in an edition. */
function leakedIds(G: MatchState): Set<string> {
  const ids = new Set(G.leaks.map((l) => l.messageId));
  for (const e of G.editions)
    for (const a of e.articles) if (a.event.type === "leak") ids.add(a.event.messageId);
  return ids;
}

/** The time of day an item was sent. */
function clock(sentAt: number): string {
  return new Date(sentAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** The press refusals that mean "not sent, try again": the composer says so beside the text it kept. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(["offline", "timeout"]);

/**
 * Under a composer whose last send failed because the press was offline or did not answer: the
 * message was not sent, and its text is still in the box.
 */
function NotSent({ press, failed }: { press: PressState; failed: boolean }) {
  if (!failed || press.error === null || !NOT_SENT_CODES.has(press.error.code)) return null;
  return (
    <p className="pn-refusal" role="alert" data-testid="press-not-sent">
      <strong>Not sent:</strong>{" "}
      {press.connected
        ? "the server did not answer. Your text is kept below; send it again."
        : "the press is offline. Your text is kept below; send it again once it says connected."}
    </p>
  );
}

/** The Press panel (CONTRACT.md: press-to-*, press-text, press-send, press-message, communique-*, leak-*, unread-*). */
export function PressPanel({ match, press }: PanelProps) {
  const { G, map, power } = match;
  if (G === null || map === null) return <section className="pn-panel pn-empty">Loading the press…</section>;
  if (G.settings.pressMode === "none")
    return (
      <section className="pn-panel pn-press">
        <h2 className="pn-title">Press</h2>
        <p className="pn-note pn-callout">
          This is a no-press (“gunboat”) match: there are no messages and no communiqués. The board is all
          there is.
        </p>
      </section>
    );
  if (press === undefined)
    return <section className="pn-panel pn-empty">The press channel is not connected.</section>;
  return <Press G={G} map={map} power={power} press={press} />;
}

function Press({
  G,
  map,
  power,
  press,
}: {
  G: MatchState;
  map: GameMap;
  power: PowerId | null;
  press: PressState;
}) {
  const full = G.settings.pressMode === "full";
  const me = power ?? press.power;
  const eliminated = useMemo(() => new Set(eliminatedPowers(map, G.position)), [map, G.position]);
  const silenced = me === null || eliminated.has(me) || G.result !== null;
  return (
    <section className="pn-panel pn-press">
      <header className="pn-head">
        <h2 className="pn-title">Press</h2>
        <span className={press.connected ? "pn-status pn-ok" : "pn-status"}>
          {press.offline === true ? "on this device" : press.connected ? "connected" : "connecting…"}
        </span>
      </header>
      <Refusal
        error={press.error !== null && NOT_SENT_CODES.has(press.error.code) ? null : press.error}
        onDismiss={press.clearError}
      />
      <div className={full ? "pn-press-grid" : "pn-press-grid pn-public-only"}>
        {full ? (
          <Conversations G={G} map={map} me={me} press={press} eliminated={eliminated} silenced={silenced} />
        ) : (
          <p className="pn-note pn-callout">
            Public press only: there are no private conversations in this match, but every power may issue
            communiqués.
          </p>
        )}
        <Communiques map={map} me={me} press={press} silenced={silenced} />
      </div>
    </section>
  );
}

/** The conversation list, the recipients, the thread and the composer. */
function Conversations({
  G,
  map,
  me,
  press,
  eliminated,
  silenced,
}: {
  G: MatchState;
  map: GameMap;
  me: PowerId | null;
  press: PressState;
  eliminated: ReadonlySet<PowerId>;
  silenced: boolean;
}) {
  const [to, setTo] = useState<readonly PowerId[]>([]);
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);
  const [leakOf, setLeakOf] = useState<PressItem | null>(null);
  const others = G.powers.filter((p) => p !== me);
  const key = me === null || to.length === 0 ? null : conversationKey([me, ...to]);
  const list = useMemo(() => conversations(press.items), [press.items]);
  const thread = useMemo(() => (key === null ? [] : itemsIn(press.items, key)), [press.items, key]);
  const leaked = useMemo(() => leakedIds(G), [G]);
  const preset = getPreset(G.settings.preset) ?? getPreset("default")!;
  const { markRead } = press;

  useEffect(() => {
    if (key !== null) markRead(key);
  }, [key, thread.length, markRead]);

  const toggle = (p: PowerId) =>
    setTo((prev) =>
      prev.includes(p) ? prev.filter((x) => x !== p) : G.powers.filter((x) => x === p || prev.includes(x)),
    );
  const open = (k: string) => setTo(participantsOf(k).filter((p) => p !== me));

  // From the form, or Ctrl+Enter in the text.
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (to.length === 0 || text.trim() === "" || sending) return;
    setSending(true);
    const ok = await press.send(to, text);
    setSending(false);
    setFailed(!ok);
    if (ok) setText("");
  };

  return (
    <>
      <aside className="pn-convs" aria-label="Conversations">
        <fieldset className="pn-recipients">
          <legend>Write to</legend>
          {others.map((p) => (
            <label key={p} className={eliminated.has(p) ? "pn-check pn-muted" : "pn-check"}>
              <input
                type="checkbox"
                data-testid={`press-to-${p}`}
                checked={to.includes(p)}
                disabled={eliminated.has(p) && !to.includes(p)}
                onChange={() => toggle(p)}
              />
              <PowerChip map={map} power={p} />
              {eliminated.has(p) ? <span className="pn-small"> eliminated</span> : null}
            </label>
          ))}
          <p className="pn-small">Tick one power for a one-to-one talk, several for a group.</p>
        </fieldset>
        <h3 className="pn-subtitle">Conversations</h3>
        {list.length === 0 ? <p className="pn-small">No messages yet.</p> : null}
        <ul className="pn-conv-list">
          {list.map((c) => {
            const unread = press.unread[c.key] ?? 0;
            const last = c.items[c.items.length - 1];
            return (
              <li key={c.key}>
                <button
                  type="button"
                  className={c.key === key ? "pn-conv pn-active" : "pn-conv"}
                  data-testid={`conversation-${c.key}`}
                  onClick={() => open(c.key)}
                >
                  <span className="pn-conv-who">
                    {c.participants
                      .filter((p) => p !== me)
                      .map((p) => powerName(map, p))
                      .join(", ")}
                    {c.participants.length > 2 ? <span className="pn-tag">group</span> : null}
                  </span>
                  {unread > 0 ? (
                    <span
                      className="pn-unread"
                      data-testid={`unread-${c.key}`}
                      aria-label={`${unread} unread`}
                    >
                      {unread}
                    </span>
                  ) : null}
                  {last ? <span className="pn-conv-last">{last.text}</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
      </aside>

      <div className="pn-thread" aria-live="polite">
        {key === null ? (
          <p className="pn-note pn-thread-empty">
            Tick who to write to, or open a conversation. Messages are delivered at once and kept for the
            whole game;{" "}
            {press.offline === true
              ? "the bots here answer proposals (Commitments tab), not letters."
              : "the server carries them, so it knows who wrote what."}
          </p>
        ) : (
          <>
            <h3 className="pn-subtitle">
              With <PowerChips map={map} powers={to} />
            </h3>
            <ol className="pn-messages">
              {thread.length === 0 ? (
                <li className="pn-small">No messages in this conversation yet.</li>
              ) : null}
              {thread.map((m) => {
                const mine = m.from === me;
                const canLeak = me !== null && !mine && m.to.includes(me);
                return (
                  <li key={m.id} className={mine ? "pn-msg pn-mine" : "pn-msg"} data-testid="press-message">
                    <div className="pn-msg-meta">
                      <PowerChip map={map} power={m.from} you={mine} />
                      <span className="pn-small">
                        {formatSeason(m.at)} · {clock(m.sentAt)}
                      </span>
                    </div>
                    <p className="pn-msg-text">{m.text}</p>
                    {mine && leaked.has(m.id) ? (
                      <span className="pn-tag pn-leaked">Leaked to the press</span>
                    ) : null}
                    {canLeak ? (
                      leaked.has(m.id) ? (
                        <span className="pn-tag pn-leaked">Leaked to the press</span>
                      ) : (
                        <button
                          type="button"
                          className="pn-link pn-leak"
                          data-testid={`leak-${m.id}`}
                          disabled={silenced}
                          onClick={() => setLeakOf(m)}
                        >
                          Leak to the press…
                        </button>
                      )
                    ) : null}
                  </li>
                );
              })}
            </ol>
          </>
        )}
        <form className="pn-compose" onSubmit={(e) => void submit(e)}>
          <NotSent press={press} failed={failed} />
          <label className="pn-label" htmlFor="press-text">
            Message{to.length > 0 ? ` to ${to.map((p) => powerName(map, p)).join(", ")}` : ""}
          </label>
          <textarea
            id="press-text"
            data-testid="press-text"
            value={text}
            rows={3}
            maxLength={2000}
            disabled={silenced}
            placeholder={silenced ? "You cannot send press." : "Write a private message…"}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void submit(e);
            }}
          />
          <div className="pn-row">
            <span className="pn-small">Ctrl+Enter sends</span>
            <button
              type="submit"
              className="pn-button pn-primary"
              data-testid="press-send"
              disabled={silenced || sending || to.length === 0 || text.trim() === ""}
            >
              {sending ? "Sending…" : "Send"}
            </button>
          </div>
        </form>
      </div>

      {leakOf !== null ? (
        <ConfirmDialog
          title="Leak this message to the press?"
          confirmLabel="Leak it"
          confirmTestId="leak-confirm"
          onCancel={() => setLeakOf(null)}
          onConfirm={() => {
            const id = leakOf.id;
            setLeakOf(null);
            void press.leak(id);
          }}
        >
          <blockquote className="pn-quote">
            “{leakOf.text}” — {powerName(map, leakOf.from)}
          </blockquote>
          <p>
            Leaking costs you {Math.abs(preset.reputation.leak)} reputation unless the message shows a broken
            promise; the paper prints it with proof of who wrote it.
          </p>
          <p className="pn-small">
            It appears in the next edition. Each message can be leaked once, and it cannot be taken back.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** Communiqués: the composer and every public statement so far. */
function Communiques({
  map,
  me,
  press,
  silenced,
}: {
  map: GameMap;
  me: PowerId | null;
  press: PressState;
  silenced: boolean;
}) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);
  const items = useMemo(() => itemsIn(press.items, COMMUNIQUES_KEY).reverse(), [press.items]);
  const unread = press.unread[COMMUNIQUES_KEY] ?? 0;
  const { markRead } = press;
  useEffect(() => {
    markRead(COMMUNIQUES_KEY);
  }, [items.length, markRead]);

  const submit = async (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (text.trim() === "" || sending) return;
    setSending(true);
    const ok = await press.communique(text);
    setSending(false);
    setFailed(!ok);
    if (ok) setText("");
  };

  return (
    <section className="pn-communiques" aria-label="Communiqués">
      <h3 className="pn-subtitle">
        Communiqués
        {unread > 0 ? (
          <span className="pn-unread" data-testid={`unread-${COMMUNIQUES_KEY}`}>
            {unread}
          </span>
        ) : null}
      </h3>
      <p className="pn-small">Public statements, printed under your name in the next edition of the paper.</p>
      {me !== null ? (
        <form className="pn-compose" onSubmit={(e) => void submit(e)}>
          <NotSent press={press} failed={failed} />
          <textarea
            data-testid="communique-text"
            aria-label="Communiqué"
            value={text}
            rows={3}
            maxLength={2000}
            disabled={silenced}
            placeholder={silenced ? "You cannot issue communiqués." : "e.g. “France seeks no war.”"}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="pn-row">
            <span />
            <button
              type="submit"
              className="pn-button"
              data-testid="communique-send"
              disabled={silenced || sending || text.trim() === ""}
            >
              {sending ? "Issuing…" : "Issue communiqué"}
            </button>
          </div>
        </form>
      ) : null}
      <ol className="pn-statements">
        {items.length === 0 ? <li className="pn-small">No communiqués yet.</li> : null}
        {items.map((c) => (
          <li key={c.id} className="pn-statement">
            <div className="pn-msg-meta">
              <PowerChip map={map} power={c.from} you={c.from === me} />
              <span className="pn-small">{formatSeason(c.at)}</span>
            </div>
            <p className="pn-msg-text">“{c.text}”</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
