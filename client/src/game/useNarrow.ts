/** Whether the window is narrower than the game screen's breakpoint, following resizes. */
import { useEffect, useState } from "react";

/** The layout's breakpoint (styles.css): under it the board sits above the tabs. */
const NARROW = "(max-width: 860px)";

/** Whether the window is narrow (a phone, a small tablet, a thin window), following resizes. */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const query = window.matchMedia(NARROW);
    const update = () => setNarrow(query.matches);
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return narrow;
}
