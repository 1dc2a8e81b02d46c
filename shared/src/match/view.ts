/**
 * What one seat (or a spectator) may see of a match: `playerView` removes every secret that is not
 * the viewer's — other powers' pending orders, private messages it neither sent nor received,
 * secret commitments and proposals it is no party to, notices on others' commitments, pending
 * leaks by others, others' draw votes, and defections the newspaper did not report. The board,
 * reputation, prestige, the newspaper, who is ready, and the orders of adjudicated phases are
 * public (docs/rules.md, "Who sees what"). The server calls it for every state it sends.
 */
import type { PowerId } from "../map/types";
import type { Commitment, Defection, Notice } from "../trust/types";
import type { MatchState, PhaseRecord } from "./types";

/** Statuses of a commitment that never came into force: only its named parties know of it. */
const UNSIGNED_STATUSES: ReadonlySet<Commitment["status"]> = new Set(["proposed", "rejected", "withdrawn"]);

/** Whether the viewer is one of a commitment's parties. */
function isParty(commitment: Commitment, viewer: PowerId | null): boolean {
  return viewer !== null && commitment.parties.includes(viewer);
}

/**
 * Whether anyone may see a commitment: it came into force and is public, or it is a secret one
 * that a breach exposed.
 */
export function isPublicCommitment(commitment: Commitment): boolean {
  if (UNSIGNED_STATUSES.has(commitment.status)) return false;
  return commitment.visibility === "public" || commitment.exposed;
}

/**
 * A commitment as an outsider sees it while a notice on it is pending: still active, because
 * notices are private and take effect only at the end of the phase.
 */
function withoutPendingNotice(commitment: Commitment): Commitment {
  if (commitment.status !== "renounced") return commitment;
  return { ...commitment, status: "active", endedAt: null };
}

/** The commitments the viewer may see, hiding pending notices on those it is no party to. */
function visibleCommitments(
  commitments: readonly Commitment[],
  notices: readonly Notice[],
  viewer: PowerId | null,
): Commitment[] {
  const noticed = new Set(notices.map((n) => n.commitmentId));
  const out: Commitment[] = [];
  for (const c of commitments) {
    if (isParty(c, viewer)) out.push(c);
    else if (isPublicCommitment(c)) out.push(noticed.has(c.id) ? withoutPendingNotice(c) : c);
  }
  return out;
}

/** Whether the edition for a record's phase reported this defection (same defector, victim and kind). */
function wasReported(state: MatchState, record: PhaseRecord, defection: Defection): boolean {
  const { phase } = record;
  return state.editions.some(
    (e) =>
      e.phase.year === phase.year &&
      e.phase.season === phase.season &&
      e.phase.phase === phase.phase &&
      e.articles.some(
        (a) =>
          a.event.type === "defection" &&
          a.event.by === defection.by &&
          a.event.against === defection.against &&
          a.event.kind === defection.kind,
      ),
  );
}

/**
 * The history as the viewer may see it: every adjudicated order (revealed, as in the classic game),
 * but only the defections the viewer was part of or that the newspaper reported — with
 * miscommunication the paper may miss one, and only the parties know the truth.
 */
function visibleHistory(state: MatchState, viewer: PowerId | null): readonly PhaseRecord[] {
  const known = historyViews.get(state.history);
  const cache =
    known?.editions === state.editions ? known.byViewer : new Map<string, readonly PhaseRecord[]>();
  if (cache !== known?.byViewer)
    historyViews.set(state.history, { editions: state.editions, byViewer: cache });
  const key = viewer ?? "";
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const history = state.history.map((record) => {
    const defections = record.defections.filter(
      (d) => d.by === viewer || d.against === viewer || wasReported(state, record, d),
    );
    return defections.length === record.defections.length ? record : { ...record, defections };
  });
  cache.set(key, history);
  return history;
}

/**
 * The history each viewer sees, kept per history array (states are immutable: the history and the
 * editions change only when a phase resolves), so a view costs nothing more late in a long match,
 * and every view of an unchanged history is the same array — a patch between two views stops there.
 */
const historyViews = new WeakMap<
  readonly PhaseRecord[],
  { editions: MatchState["editions"]; byViewer: Map<string, readonly PhaseRecord[]> }
>();

/** The match without a `drawOpen` flag (only views carry one). */
function withoutDrawOpen(state: MatchState): MatchState {
  if (!("drawOpen" in state)) return state;
  const copy: { -readonly [K in keyof MatchState]: MatchState[K] } = { ...state };
  delete copy.drawOpen;
  return copy;
}

/**
 * What one viewer was last shown of an input (an array or record of the state; states are
 * immutable): its inputs and the part of the view made from them, per viewer key.
 */
type Shown<T> = Map<string, { readonly also: unknown; readonly part: T }>;

/**
 * The part of a view made from `input` (and `also`, a second input it depends on) for a viewer:
 * the very same value as the last time this viewer saw the same inputs, so a view of an unchanged
 * part costs nothing and a patch between two views stops there; made afresh otherwise.
 */
function shownPart<K extends object, T>(
  memo: WeakMap<K, Shown<T>>,
  input: K,
  also: unknown,
  viewer: PowerId | null,
  make: () => T,
): T {
  let byViewer = memo.get(input);
  if (byViewer === undefined) memo.set(input, (byViewer = new Map<string, { also: unknown; part: T }>()));
  const key = viewer ?? "";
  const last = byViewer.get(key);
  if (last !== undefined && last.also === also) return last.part;
  const part = make();
  byViewer.set(key, { also, part });
  return part;
}

const shownOrders = new WeakMap<MatchState["orders"], Shown<MatchState["orders"]>>();
const shownCommitments = new WeakMap<readonly Commitment[], Shown<Commitment[]>>();
const shownNotices = new WeakMap<readonly Notice[], Shown<Notice[]>>();
const shownMessages = new WeakMap<MatchState["messages"], Shown<MatchState["messages"]>>();
const shownLeaks = new WeakMap<MatchState["leaks"], Shown<MatchState["leaks"]>>();
const shownDrawVotes = new WeakMap<MatchState["drawVotes"], Shown<MatchState["drawVotes"]>>();

/** Keeps only the viewer's own entry of a per-power record (none for a spectator). */
function ownOnly<T>(record: Readonly<Record<PowerId, T>>, viewer: PowerId | null): Record<PowerId, T> {
  return viewer !== null && Object.hasOwn(record, viewer) ? { [viewer]: record[viewer]! } : {};
}

/**
 * The match as one power sees it, or as the public sees it (`power` null: a spectator). A power not
 * in the match sees what a spectator sees. Pure; the input is not changed.
 *
 * Kept for the viewer only: its own pending orders (every other power's list is emptied), messages
 * it sent or received, commitments it is party to (proposals included), notices on those, its own
 * pending leaks, its own draw vote, and (`drawOpen`) whether any power votes for a draw — never who.
 * Hidden from everyone: the id counter. Public: settings, powers, position, who is ready, public
 * commitments in force or ended and exposed secret ones, communiqués awaiting print, reputation,
 * prestige, editions, the history's orders and results, reported defections, the result.
 */
export function playerView(state: MatchState, power: PowerId | null): MatchState {
  const viewer = power !== null && state.powers.includes(power) ? power : null;
  const { commitments, notices } = state;
  return {
    ...withoutDrawOpen(state), // never stored; set here for seats alone
    ...(viewer === null ? {} : { drawOpen: Object.values(state.drawVotes).some((vote) => vote) }),
    orders: shownPart(shownOrders, state.orders, null, viewer, () => {
      const orders: Record<PowerId, MatchState["orders"][PowerId]> = {};
      for (const p of Object.keys(state.orders)) orders[p] = p === viewer ? state.orders[p]! : [];
      return orders;
    }),
    commitments: shownPart(shownCommitments, commitments, notices, viewer, () =>
      visibleCommitments(commitments, notices, viewer),
    ),
    notices: shownPart(shownNotices, notices, commitments, viewer, () => {
      const partyOf = new Set(commitments.filter((c) => isParty(c, viewer)).map((c) => c.id));
      return notices.filter((n) => partyOf.has(n.commitmentId));
    }),
    messages: shownPart(shownMessages, state.messages, null, viewer, () =>
      state.messages.filter((m) => viewer !== null && (m.from === viewer || m.to.includes(viewer))),
    ),
    leaks: shownPart(shownLeaks, state.leaks, null, viewer, () => state.leaks.filter((l) => l.by === viewer)),
    drawVotes: shownPart(shownDrawVotes, state.drawVotes, null, viewer, () =>
      ownOnly(state.drawVotes, viewer),
    ),
    history: visibleHistory(state, viewer),
    nextId: 0, // counts every proposal and message: a seat must not learn how many it cannot see
  };
}
