/**
 * "Use another device": a fold with the student's private rejoin link (`view.rejoinUrl`, the
 * student key in its fragment), a Copy button and its QR code (drawn by the `qrcode` library,
 * loaded only when the fold first opens), and a warning that the link is the student's seat. The
 * waiting room and the class bar of the game screen show it (a class seat makes no device links).
 */
import { useEffect, useState, type ReactNode } from "react";
import { CopyField } from "../app/CopyField";
import "../game/device-link.css";
import { qrOf } from "../app/qr";

/** The rejoin fold. `className`: the fold's extra class (`bar-fold` in the game screen's band). */
export function RejoinLink({ url, className }: { url: string; className?: string }): ReactNode {
  const [open, setOpen] = useState(false);
  const [qr, setQr] = useState<{ url: string; svg: string } | null>(null);
  useEffect(() => {
    if (!open || qr?.url === url) return;
    let live = true;
    qrOf(url)
      .then((svg) => live && setQr({ url, svg }))
      .catch(() => undefined); // no QR code: the link and its Copy button still work
    return () => {
      live = false;
    };
  }, [open, url, qr]);

  return (
    <details
      className={`device-link class-rejoin ${className ?? ""}`}
      data-testid="student-rejoin"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary data-testid="student-rejoin-open">Use another device</summary>
      <div className="device-link-body">
        <div className="device-link-shown">
          {qr !== null && qr.url === url ? (
            <img
              className="device-link-qr"
              src={qr.svg}
              width={144}
              height={144}
              alt="QR code of your private rejoin link: scan it with your other device's camera"
              data-testid="student-rejoin-qr"
            />
          ) : (
            <div className="device-link-qr placeholder" aria-hidden />
          )}
          <div className="device-link-text">
            <p className="device-link-warning" data-testid="student-rejoin-warning">
              <strong>This link is your seat.</strong> Anyone who opens it plays as you in this class. Keep it
              to yourself: classmates join with the class code.
            </p>
            <CopyField
              label="Your private rejoin link"
              name="your private rejoin link"
              value={url}
              testId="student-rejoin-url"
              copyTestId="student-rejoin-copy"
            />
            <p className="muted small">
              Open it on your phone or another computer to carry on there; this browser stays in too.
            </p>
          </div>
        </div>
      </div>
    </details>
  );
}
