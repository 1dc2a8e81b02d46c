/**
 * How students get in: the join code in very large letters, the join link with its Copy button,
 * and a QR code of the link (drawn by the `qrcode` library, loaded only when shown, as the device
 * link does). The page after creating a class and the dashboard's header both show it.
 */
import { useEffect, useState, type ReactNode } from "react";
import { CopyField } from "../app/CopyField";
import { spacedCode } from "./dashboard";
import { qrOf } from "../app/qr";

/** A QR code of `url` (a blank square while it is drawn, or if drawing failed). */
export function QrCode(props: {
  readonly url: string;
  readonly size: number;
  readonly testId: string;
}): ReactNode {
  const [qr, setQr] = useState<{ url: string; src: string } | null>(null);
  useEffect(() => {
    let live = true;
    qrOf(props.url)
      .then((src) => live && setQr({ url: props.url, src }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [props.url]);
  if (qr === null || qr.url !== props.url)
    return <div className="cls-qr" style={{ width: props.size, height: props.size }} aria-hidden />;
  return (
    <img
      className="cls-qr"
      src={qr.src}
      width={props.size}
      height={props.size}
      alt="QR code of the join link: students scan it with their phone's camera"
      data-testid={props.testId}
    />
  );
}

/** The code, the link and the QR code. */
export function JoinCard(props: {
  readonly code: string;
  readonly joinUrl: string;
  readonly qrSize?: number;
}): ReactNode {
  return (
    <div className="cls-join" data-testid="class-join">
      <div className="cls-join-text">
        <p className="cls-join-how">
          Students go to <strong>{new URL(props.joinUrl, window.location.origin).host}/join</strong> and type
        </p>
        <p
          className="cls-code"
          data-testid="class-code"
          aria-label={`Join code ${props.code.replace(/(.)(?=.)/gu, "$1 ")}`}
        >
          {spacedCode(props.code)}
        </p>
        <CopyField
          label="Join link"
          name="the join link"
          value={props.joinUrl}
          testId="class-join-link"
          copyTestId="class-copy-join-link"
          copyText="Copy link"
        />
      </div>
      <QrCode url={props.joinUrl} size={props.qrSize ?? 176} testId="class-join-qr" />
    </div>
  );
}
