/**
 * The browser tab's title while a game screen is open (`attention.ts` makes it), so a player on
 * another tab sees when press, a proposal or their move waits; put back as it was on leaving.
 */
import { useEffect } from "react";

/** Shows `title` as the document's title while mounted. */
export function useTabTitle(title: string): void {
  useEffect(() => {
    const before = document.title;
    return () => {
      document.title = before;
    };
  }, []);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
