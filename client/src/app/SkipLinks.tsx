/**
 * Skip links (issue 13, item 7): the first thing on every page, shown only when focused. In a game
 * they lead to the board (`#board`) and to the orders and panels (`#tab-panel`); elsewhere to the
 * main content (`#main`), which is also where a game's links lead while it has no board. Following one moves the focus there: to the target when it takes focus,
 * else to its first Tab stop (the board's current province), else to the target itself.
 */
import type { MouseEvent, ReactNode } from "react";

/** What a Tab press can land on, for finding a target's first stop. */
const TAB_STOP = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex="0"]';

/** Moves the focus to the element `id` (or its first Tab stop). False when there is no such element. */
export function focusTarget(id: string): boolean {
  const target = document.getElementById(id);
  if (!target) return false;
  const stop = target.tabIndex >= 0 ? target : target.querySelector<HTMLElement | SVGElement>(TAB_STOP);
  if (stop) stop.focus();
  else {
    target.tabIndex = -1;
    target.focus();
  }
  return true;
}

/** One skip link. */
function SkipLink({ to, children }: { to: string; children: ReactNode }): ReactNode {
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault(); // no hash in the address: the router keeps the path only
    if (!focusTarget(to)) focusTarget("main"); // a match's join page has no board yet
  };
  return (
    <a className="skip-link" href={`#${to}`} onClick={follow} data-testid={`skip-${to}`}>
      {children}
    </a>
  );
}

/** The skip links of a page: a game's two, or "Skip to main content". */
export function SkipLinks({ inGame }: { inGame: boolean }): ReactNode {
  return inGame ? (
    <>
      <SkipLink to="board">Skip to the board</SkipLink>
      <SkipLink to="tab-panel">Skip to the orders and panels</SkipLink>
    </>
  ) : (
    <SkipLink to="main">Skip to main content</SkipLink>
  );
}
