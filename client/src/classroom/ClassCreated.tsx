/**
 * After a class is made (/teach): the join code, link and QR code to put on the wall, the secret
 * teacher link with its warning (it is the teacher's key), and the ways to the dashboard and the
 * projector.
 */
import type { ReactNode } from "react";
import { CopyField } from "../app/CopyField";
import { navigate } from "../app/router";
import type { CreateClassAnswer } from "./classApi";
import { JoinCard } from "./JoinCard";

/** After creation: the code on the wall, the links, and the way to the dashboard. */
export function ClassCreated(props: {
  readonly answer: CreateClassAnswer;
  readonly name: string;
}): ReactNode {
  const { answer } = props;
  const dashboard = `/class/${encodeURIComponent(answer.classId)}/teacher`;
  return (
    <div className="page teach-created">
      <div className="card">
        <h1 data-testid="teach-created-title">“{props.name}” is ready</h1>
        <p>
          Put this on the wall. Students join now; you start the matches from the dashboard when they are in.
        </p>
        <JoinCard code={answer.code} joinUrl={answer.joinUrl} qrSize={200} />
        <div className="cls-secret" data-testid="teach-secret">
          <p className="cls-secret-warning">
            <strong>Keep this: it is your key.</strong> The teacher link opens the dashboard on any device.
            Anyone with it can run your class — do not put it on the wall or share it with students. This
            browser remembers it too.
          </p>
          <CopyField
            label="Your secret teacher link"
            name="your secret teacher link"
            value={answer.teacherUrl}
            testId="teach-teacher-link"
            copyTestId="teach-copy-teacher-link"
          />
        </div>
        <div className="actions">
          <button
            type="button"
            className="button primary"
            data-testid="teach-open-dashboard"
            onClick={() => navigate(`${dashboard}#${encodeURIComponent(answer.teacherKey)}`)}
          >
            Open the dashboard
          </button>
          <a
            className="button"
            href={`/class/${encodeURIComponent(answer.classId)}/projector`}
            target="_blank"
            rel="noopener"
          >
            Open the projector view
          </a>
        </div>
      </div>
    </div>
  );
}
