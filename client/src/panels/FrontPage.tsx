/**
 * The front page of one edition of The Entente Gazette: masthead, the phase reported on, the lead
 * story, the other headlines in columns (most important first, as the edition orders them),
 * defections and exposed secret pacts in bold, and the standing changes in a box at the foot.
 */
import type { GameMap } from "../../../shared/src/map/types";
import { GAZETTE_TITLE } from "../../../shared/src/newspaper/edition";
import { formatPhase } from "../../../shared/src/newspaper/headlines";
import type { Article, Edition } from "../../../shared/src/newspaper/types";
import { powerName } from "./ui";

/** Whether an article is a defection (or the exposure of a secret pact): printed in bold. */
function isDefection(a: Article): boolean {
  return a.event.type === "defection" || a.event.type === "secret-exposed";
}

/** A few words under a headline, where the event has more to say. */
function Dek({ article, map }: { article: Article; map: GameMap }) {
  const e = article.event;
  if (e.type === "defection") {
    const kind = e.kind === "surprise" ? "A surprise" : e.kind === "announced" ? "Announced" : "Retaliation";
    return (
      <p className="np-dek">
        <span className="np-kicker">{kind}.</span> {e.acts.map((a) => a.description).join("; ")}.
      </p>
    );
  }
  if (e.type === "leak")
    return (
      <p className="np-dek np-stamp">
        ✓ Sender verified: the courier’s records show {powerName(map, e.sender)} wrote this. Leaked by{" "}
        {powerName(map, e.leaker)}
        {e.exposesBrokenPromise ? " — it exposes a broken promise." : "."}
      </p>
    );
  return null;
}

/** The front page of one edition (`edition`), or a note that none is printed yet. */
export function FrontPage({
  edition,
  map,
  testIds = true,
}: {
  edition: Edition | null;
  map: GameMap;
  testIds?: boolean; // false for a second copy on screen (the History panel), so test ids stay unique
}) {
  const tid = (id: string) => (testIds ? id : undefined);
  const standing =
    edition?.articles.filter((a) => a.event.type === "reputation" || a.event.type === "prestige") ?? [];
  const news =
    edition?.articles.filter((a) => a.event.type !== "reputation" && a.event.type !== "prestige") ?? [];
  const [lead, ...rest] = news;
  return (
    <article className="np-paper" data-testid={tid("edition")} aria-label={GAZETTE_TITLE}>
      <header className="np-masthead">
        <div className="np-ears">
          <span>{edition ? `No. ${edition.number}` : "No. 0"}</span>
          <span>{map.name}</span>
        </div>
        <h2 className="np-title">{GAZETTE_TITLE}</h2>
        <div className="np-dateline">
          {edition ? `Reporting on ${formatPhase(edition.phase)}` : "Awaiting the first phase"}
        </div>
      </header>
      {edition === null ? (
        <p className="np-quiet">No edition yet: the first is printed when the first phase resolves.</p>
      ) : news.length === 0 && standing.length === 0 ? (
        <p className="np-quiet">All quiet: nothing to report this phase.</p>
      ) : (
        <>
          {lead ? (
            <div className={isDefection(lead) ? "np-lead np-defection" : "np-lead"}>
              <h3 className="np-headline np-lead-headline" data-testid={tid("headline")}>
                {lead.headline}
              </h3>
              <Dek article={lead} map={map} />
            </div>
          ) : null}
          {rest.length > 0 ? (
            <div className="np-columns">
              {rest.map((a, i) => (
                <div key={i} className={isDefection(a) ? "np-story np-defection" : "np-story"}>
                  <h4 className="np-headline" data-testid={tid("headline")}>
                    {a.headline}
                  </h4>
                  <Dek article={a} map={map} />
                </div>
              ))}
            </div>
          ) : null}
          {standing.length > 0 ? (
            <aside className="np-standing-news">
              <h4 className="np-section-label">Standing</h4>
              <ul>
                {standing.map((a, i) => (
                  <li key={i} className="np-headline np-small-headline" data-testid={tid("headline")}>
                    {a.headline}
                  </li>
                ))}
              </ul>
            </aside>
          ) : null}
        </>
      )}
    </article>
  );
}
