/**
 * `/guide`: How to play — the board rules in brief, then the trust rules, each with one worked
 * example, under an in-page table of contents. The text and every number come from `content.ts`,
 * which reads them from the shared rules; this file only lays them out.
 */
import { useEffect, useMemo, type ReactNode } from "react";
import { Link } from "../app/router";
import { guideSections, type GuideBlock, type GuideCard, type GuideSection } from "./content";
import "./help.css";
import "./guide.css";

/** The guide page. */
export function Guide(): ReactNode {
  const sections = useMemo(() => guideSections(), []);
  useEffect(() => {
    // Opened at /guide#section (from a help link): the section is there only after this render.
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id !== "") document.getElementById(id)?.scrollIntoView();
  }, []);
  return (
    <div className="page guide" data-testid="guide">
      <header className="guide-head">
        <p className="kicker">How to play</p>
        <h1>Armies, fleets and promises</h1>
        <p className="lede">
          Entente is the classic game of simultaneous orders, with one addition: a record of who promised what
          to whom, and a newspaper that tells everyone when a promise was broken.
        </p>
      </header>
      <nav className="guide-toc" aria-label="Contents" data-testid="guide-toc">
        <h2>Contents</h2>
        <ol>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {sections.map((s) => (
        <Section key={s.id} section={s} />
      ))}
      <p className="guide-foot">
        <Link to="/">Start a match</Link> · <Link to="/local">Play offline against bots</Link>
      </p>
    </div>
  );
}

/** One section: its heading, its blocks, and a way back to the contents. */
function Section({ section }: { section: GuideSection }): ReactNode {
  return (
    <section className="guide-section" id={section.id} aria-labelledby={`${section.id}-title`}>
      <h2 id={`${section.id}-title`}>{section.title}</h2>
      {section.blocks.map((b, i) => (
        <Block key={i} block={b} />
      ))}
      <p className="guide-top">
        <a href="#top" onClick={toTop}>
          Back to the contents
        </a>
      </p>
    </section>
  );
}

/** Scrolls to the contents (no "#top" anchor needed). */
function toTop(e: { preventDefault(): void }): void {
  e.preventDefault();
  document.querySelector(".guide-toc")?.scrollIntoView();
}

function Block({ block }: { block: GuideBlock }): ReactNode {
  switch (block.kind) {
    case "p":
      return <p>{block.text}</p>;
    case "list":
      return (
        <ul className="guide-list">
          {block.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      );
    case "example":
      return (
        <div className="guide-example">
          <p className="guide-example-label">Worked example</p>
          {block.text.map((t) => (
            <p key={t}>{t}</p>
          ))}
        </div>
      );
    case "cards":
      return (
        <div className="guide-cards">
          {block.cards.map((c) => (
            <Card key={c.id} card={c} />
          ))}
        </div>
      );
  }
}

function Card({ card }: { card: GuideCard }): ReactNode {
  return (
    <div className="guide-card" data-testid={`guide-card-${card.id}`}>
      <h3>{card.title}</h3>
      <p>{card.text}</p>
      {card.facts.length > 0 ? (
        <dl>
          {card.facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
