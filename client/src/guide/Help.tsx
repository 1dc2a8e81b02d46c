/**
 * Contextual help: a small "What is …?" disclosure beside an idea of the trust rules (capacity,
 * notice, standing, presets, personalities). It opens on click, tap, Enter or Space (a native
 * `<details>`), shows one to three plain sentences from the guide's content, and links to the
 * guide's section in a new tab, so a form or a match in progress is not lost.
 */
import type { ReactNode } from "react";
import { PERSONALITIES, PERSONALITY_INFO, type Personality } from "../../../shared/src/bots/personality";
import type { Preset } from "../../../shared/src/trust/types";
import {
  GUIDE_SECTIONS,
  guideHref,
  HELP_SECTION,
  helpText,
  presetOrDefault,
  type HelpTopic,
} from "./help-text";
import "./help.css";

/** A "What is …?" disclosure with its sentences and a link to the guide. */
export function Help(props: {
  readonly topic: HelpTopic;
  readonly label: string; // the question on the button, e.g. "What is verification capacity?"
  readonly preset?: Preset; // the match's preset (its numbers); the default preset when absent
  readonly className?: string;
}): ReactNode {
  const section = HELP_SECTION[props.topic];
  const title = GUIDE_SECTIONS.find((s) => s.id === section)?.title ?? "How to play";
  const text = helpText(props.topic, props.preset ?? presetOrDefault(undefined));
  return (
    <details className={props.className === undefined ? "help" : `help ${props.className}`}>
      <summary className="help-button" data-testid={`help-${props.topic}`}>
        <span className="help-mark" aria-hidden="true">
          ?
        </span>
        {props.label}
      </summary>
      <div className="help-panel" data-testid={`help-${props.topic}-text`}>
        {text.map((t) => (
          <p key={t}>{t}</p>
        ))}
        <a href={guideHref(section)} target="_blank" rel="noopener">
          More in the guide: {title}
        </a>
      </div>
    </details>
  );
}

/** Whether a string names a personality. */
function isPersonality(id: string): id is Personality {
  return (PERSONALITIES as readonly string[]).includes(id);
}

/** What each distinct personality among `chosen` does, in visible words (not a tooltip). */
export function PersonalityNotes(props: {
  readonly chosen: readonly string[]; // personality ids; unknown ones are left out
  readonly testId: string;
}): ReactNode {
  const distinct = [...new Set(props.chosen)].filter(isPersonality);
  if (distinct.length === 0) return null;
  return (
    <div className="personality-notes" data-testid={props.testId}>
      <ul>
        {distinct.map((p) => (
          <li key={p}>
            <strong>{PERSONALITY_INFO[p].name}:</strong> {PERSONALITY_INFO[p].description}
          </li>
        ))}
      </ul>
      <Help topic="personality" label="What is a bot personality?" />
    </div>
  );
}
