/**
 * Small pieces the panels share: a power's name with its colour, the public/secret badge (a
 * megaphone or a lock, never colour alone), a confirmation dialog, and an inline refusal.
 */
import { useEffect, useRef, type ReactNode } from "react";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import { powerColor } from "./colors";

/** A power's display name. */
export function powerName(map: GameMap | null, power: PowerId): string {
  return map?.power.get(power)?.name ?? power;
}

/** A power's name after a swatch of its colour. */
export function PowerChip({ map, power, you }: { map: GameMap | null; power: PowerId; you?: boolean }) {
  return (
    <span className="pn-chip">
      <span className="pn-swatch" style={{ background: powerColor(map, power) }} aria-hidden="true" />
      {powerName(map, power)}
      {you === true ? <span className="pn-you"> (you)</span> : null}
    </span>
  );
}

/** Powers as chips, comma-free. */
export function PowerChips({
  map,
  powers,
  me,
}: {
  map: GameMap | null;
  powers: readonly PowerId[];
  me?: PowerId | null;
}) {
  return (
    <span className="pn-chips">
      {powers.map((p) => (
        <PowerChip key={p} map={map} power={p} you={p === me} />
      ))}
    </span>
  );
}

/** A padlock. */
export function LockIcon() {
  return (
    <svg className="pn-icon" viewBox="0 0 16 16" aria-hidden="true">
      <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}

/** A megaphone. */
export function MegaphoneIcon() {
  return (
    <svg className="pn-icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M2 6h3l7-4v12l-7-4H2z" fill="currentColor" />
      <path d="M5 10l1.5 4h2L7 10" fill="currentColor" />
    </svg>
  );
}

/** "Secret" with a lock, or "Public" with a megaphone. */
export function VisibilityBadge({ visibility }: { visibility: "public" | "secret" }) {
  return visibility === "secret" ? (
    <span className="pn-badge pn-secret" title="Only the parties know of it">
      <LockIcon /> Secret
    </span>
  ) : (
    <span className="pn-badge pn-public" title="The newspaper reports it">
      <MegaphoneIcon /> Public
    </span>
  );
}

/** A modal confirmation: says what the action costs before it is taken. Escape or Cancel closes it. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  confirmTestId,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmTestId: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onCancel();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onCancel]);
  return (
    <div className="pn-overlay" onClick={onCancel}>
      <div
        className="pn-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pn-dialog-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h3 id="pn-dialog-title">{title}</h3>
        <div className="pn-dialog-body">{children}</div>
        <div className="pn-dialog-actions">
          <button type="button" className="pn-button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="pn-button pn-danger"
            ref={confirmRef}
            data-testid={confirmTestId}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** A refusal shown where the action was taken. */
export function Refusal({
  error,
  onDismiss,
}: {
  error: { code: string; message: string } | null;
  onDismiss?: () => void;
}) {
  if (error === null) return null;
  return (
    <p className="pn-refusal" role="alert">
      <strong>Refused:</strong> {error.message}
      {onDismiss ? (
        <button type="button" className="pn-link" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      ) : null}
    </p>
  );
}
