/**
 * Browser notifications for a seat (`notifications.ts` says what to tell): the player's choice
 * (`useNotifyChoice`: asked for only when they press "Notify me", remembered in localStorage), and
 * the hook that compares what the seat sees with what it saw a moment ago and shows each new thing.
 *
 * A notification is shown only when the player opted in, the browser grants the permission, and
 * the page is out of sight — hidden (another tab, a locked phone) or without focus (another
 * window): a player looking at the game screen already sees the news there. Through the service
 * worker's registration when one controls the page (phones show nothing else), else `new
 * Notification`. What the seat sees is still followed while nothing is shown, so coming back to
 * the page never brings a backlog.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { PowerId } from "../../../shared/src/map/types";
import { notificationsFor, seatSight, type SeatNotification, type SeatSight } from "./notifications";
import type { MatchHandle } from "./useMatch";
import type { PressState } from "./usePress";

/** Where the choice is kept (one per browser, for every match). */
const CHOICE_KEY = "entente:notify";
/** How often the clock is read for the deadline's warning. */
const TICK_MS = 5_000;

/** The browser's permission, or "unavailable" when it has no notifications at all. */
export type NotifyPermission = NotificationPermission | "unavailable";

/** The player's choice about notifications, and what the browser allows. */
export interface NotifyChoice {
  readonly permission: NotifyPermission;
  readonly on: boolean; // the player opted in (and the browser has not refused since)
  /** Asks the browser (only now, on the player's click) and opts in when it grants. */
  readonly turnOn: () => Promise<void>;
  readonly turnOff: () => void;
}

/** Whether this browser has notifications. */
function notificationsExist(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

function readChoice(): boolean {
  try {
    return window.localStorage.getItem(CHOICE_KEY) === "on";
  } catch {
    return false; // storage blocked: not opted in
  }
}

function writeChoice(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(CHOICE_KEY, "on");
    else window.localStorage.removeItem(CHOICE_KEY);
  } catch {
    // storage blocked: the choice lasts while the page is open
  }
}

/** The player's choice about notifications, remembered in this browser. */
export function useNotifyChoice(): NotifyChoice {
  const [permission, setPermission] = useState<NotifyPermission>(() =>
    notificationsExist() ? Notification.permission : "unavailable",
  );
  const [chosen, setChosen] = useState(readChoice);

  // The player may allow or block the site in the browser's settings meanwhile: read it again on return.
  useEffect(() => {
    if (!notificationsExist()) return;
    const reread = () => setPermission(Notification.permission);
    window.addEventListener("focus", reread);
    document.addEventListener("visibilitychange", reread);
    return () => {
      window.removeEventListener("focus", reread);
      document.removeEventListener("visibilitychange", reread);
    };
  }, []);

  const turnOn = useCallback(async () => {
    if (!notificationsExist()) return;
    let answer = Notification.permission;
    if (answer === "default") {
      try {
        answer = await Notification.requestPermission();
      } catch {
        answer = Notification.permission;
      }
    }
    setPermission(answer);
    if (answer === "granted") {
      writeChoice(true);
      setChosen(true);
    }
  }, []);

  const turnOff = useCallback(() => {
    writeChoice(false);
    setChosen(false);
  }, []);

  return { permission, on: chosen && permission === "granted", turnOn, turnOff };
}

/** Whether the player cannot see the page now: hidden, or another window has the focus. */
function outOfSight(): boolean {
  return document.visibilityState !== "visible" || !document.hasFocus();
}

/** Shows one notification: through the service worker when one controls the page, else directly. */
async function show(note: SeatNotification): Promise<void> {
  const options: NotificationOptions = {
    body: note.body,
    tag: note.tag,
    icon: "/icon-192.png",
    data: { url: window.location.pathname }, // the worker's click handler opens this match
  };
  const worker = (navigator as Partial<Navigator>).serviceWorker;
  if (worker?.controller) {
    const registration = await worker.ready;
    await registration.showNotification(note.title, options);
    return;
  }
  const shown = new Notification(note.title, options);
  shown.onclick = () => {
    window.focus();
    shown.close();
  };
}

/** What `useNotifications` follows. */
export interface NotificationsInput {
  readonly match: MatchHandle;
  readonly press: PressState;
  readonly deadline: number | null; // by the server's clock
  readonly offset: number; // how far the server's clock is ahead of this browser's
  readonly on: boolean; // the player opted in and the browser grants
}

/** Shows a notification for each new thing the seat sees while the player is away from the page. */
export function useNotifications({ match, press, deadline, offset, on }: NotificationsInput): void {
  const before = useRef<SeatSight | null>(null);
  const shown = useRef(new Set<string>());
  const { G, map, power } = match;
  // The press is part of what the seat sees only once its history arrived (its power is known).
  const ready = press.power !== null && press.power === power;
  const items = press.items;

  /** Looks at what the seat sees now, compares it with the last look, and shows what is new. */
  const look = useCallback(() => {
    const sight = seatSight({ me: ready ? power : null, items, state: G, deadline, now: Date.now(), offset });
    const nameOf = (p: PowerId): string => map?.power.get(p)?.name ?? p;
    const notes = notificationsFor(before.current, sight, nameOf);
    before.current = sight;
    if (!on || !notificationsExist() || Notification.permission !== "granted" || !outOfSight()) return;
    for (const note of notes) {
      if (shown.current.has(note.tag)) continue;
      shown.current.add(note.tag);
      show(note).catch((e: unknown) => {
        console.warn("a notification could not be shown:", e);
      });
    }
  }, [G, map, power, ready, items, deadline, offset, on]);

  // A look at every change; and, for the deadline's warning, now and then while a deadline runs.
  useEffect(() => {
    look();
    if (!on || deadline === null) return;
    const t = window.setInterval(look, TICK_MS);
    return () => window.clearInterval(t);
  }, [look, on, deadline]);
}
