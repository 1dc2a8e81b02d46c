/**
 * "Continue on another device" on the game screen (online, for a seat): a fold that makes the
 * seat's private device link when first opened (docs/api.md, "Device links"), shows it with a copy
 * button and a QR code (drawn by the `qrcode` library, loaded only then), when it stops working and
 * that it is the seat itself, and offers Revoke: the link stops working and every other device is
 * signed out of the seat. Revoking stores the seat's new credentials and reloads the page, so this
 * browser connects again with them.
 */
import { useState, type ReactNode } from "react";
import { ApiError, makeDeviceLink, revokeDeviceLink, type DeviceLinkAnswer } from "../app/api";
import { CopyField } from "../app/CopyField";
import { expiryText } from "../app/deviceLinks";
import { renewSeat } from "../app/seats";
import "./device-link.css";
import { qrOf } from "../app/qr";

/** The link, as the panel shows it. */
interface Shown extends DeviceLinkAnswer {
  readonly qr: string | null; // the QR code as an SVG data URL; null while it is drawn or if it failed
}

/**
 * What each seat's panel shows, kept outside the component: the game screen mounts it in another
 * place when the window crosses the phone width, and the link must survive that (it cannot be
 * shown again without making a new one).
 */
const kept = new Map<string, { open: boolean; shown: Shown | null }>();

/** The seat's device link fold. */
export function DeviceLink(props: {
  readonly matchID: string;
  readonly seat: { readonly playerID: string; readonly credentials: string };
  readonly ended: boolean; // the game is over: no new links
}): ReactNode {
  const { matchID, seat } = props;
  const key = `${matchID}:${seat.playerID}:${seat.credentials}`;
  const [open, setOpenState] = useState(() => kept.get(key)?.open ?? false);
  const [shown, setShownState] = useState<Shown | null>(() => kept.get(key)?.shown ?? null);
  const setOpen = (next: boolean) => {
    kept.set(key, { open: next, shown: kept.get(key)?.shown ?? null });
    setOpenState(next);
  };
  const setShown = (next: Shown | null) => {
    kept.set(key, { open: kept.get(key)?.open ?? false, shown: next });
    setShownState(next);
  };
  const [busy, setBusy] = useState<"make" | "revoke" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoked, setRevoked] = useState(false);

  const make = async () => {
    setBusy("make");
    setError(null);
    try {
      const answer = await makeDeviceLink(matchID, seat);
      setShown({ ...answer, qr: null });
      const qr = await qrOf(answer.url).catch(() => null);
      if (kept.get(key)?.shown?.url === answer.url) setShown({ ...answer, qr });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not make the link; please try again.");
    } finally {
      setBusy(null);
    }
  };

  const revoke = async () => {
    setBusy("revoke");
    setError(null);
    try {
      const answer = await revokeDeviceLink(matchID, seat);
      // Whether or not this screen is still shown (its own sockets lost the seat too), keep the
      // new credentials and connect again with them.
      setRevoked(true);
      setShown(null);
      if (renewSeat(matchID, answer.playerID, answer.credentials)) window.location.reload();
      else
        setError("The seat was revoked, but this browser could not store its new key: take the seat again.");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not revoke; please try again.");
      setBusy(null);
    }
  };

  const revokeRow = (
    <div className="device-link-revoke">
      <p className="small">
        <strong>Revoke:</strong> the link stops working and every other device is signed out of this seat.
        This device stays in.
      </p>
      <button
        type="button"
        className="button small-button ghost device-link-revoke-button"
        data-testid="device-link-revoke"
        aria-disabled={busy !== null}
        onClick={() => busy === null && void revoke()}
      >
        {busy === "revoke" ? "Revoking…" : "Revoke and sign out other devices"}
      </button>
    </div>
  );

  return (
    <details
      className="device-link bar-fold"
      data-testid="device-link"
      open={open}
      onToggle={(e) => {
        const fold = e.currentTarget;
        const opened = fold.open;
        setOpen(opened);
        // The fold sits in a band that scrolls (above the board, or under the tabs on a phone).
        if (opened) window.requestAnimationFrame(() => fold.scrollIntoView({ block: "nearest" }));
        // The first time the fold opens, make the link.
        if (opened && !props.ended && shown === null && busy === null) void make();
      }}
    >
      <summary data-testid="device-link-open">Continue on another device</summary>
      <div className="device-link-body">
        {props.ended ? (
          <p className="muted small">This match has ended: there is nothing left to continue elsewhere.</p>
        ) : shown === null ? (
          <p className="muted small" role="status">
            {busy === "make" ? "Making your private link…" : revoked ? "Revoked. Reconnecting…" : null}
          </p>
        ) : (
          <div className="device-link-shown">
            {shown.qr !== null ? (
              <img
                className="device-link-qr"
                src={shown.qr}
                width={144}
                height={144}
                alt="QR code of your private link: scan it with your other device's camera"
                data-testid="device-link-qr"
              />
            ) : (
              <div className="device-link-qr placeholder" aria-hidden />
            )}
            <div className="device-link-text">
              <p className="device-link-warning" data-testid="device-link-warning">
                <strong>This link is your seat.</strong> Anyone with it plays as you. Do not share it with
                friends — use the invite link for them.
              </p>
              <CopyField
                label="Your private link"
                name="your private link"
                value={shown.url}
                testId="device-link-url"
                copyTestId="device-link-copy"
              />
              <p className="muted small" data-testid="device-link-expiry">
                {expiryText(shown.expiresAt)} A new link replaces this one.
              </p>
              {revokeRow}
            </div>
          </div>
        )}
        {(props.ended || shown === null) && revokeRow}
        {error !== null && (
          <p className="form-error" role="alert" data-testid="device-link-error">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}
