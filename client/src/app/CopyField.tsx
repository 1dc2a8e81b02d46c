/**
 * A link to hand on: a read-only field and a Copy button that says "Copied" for a few seconds. When
 * the browser refuses the clipboard (no permission, an insecure page), the field's text is selected
 * instead, so the player can copy it by hand. The invite after creating a match, the host's invite
 * and a seat's private device link all use it.
 */
import { useEffect, useId, useRef, useState } from "react";

/** CopyField's props. */
export interface CopyFieldProps {
  /** The field's visible label; null: named by `name` only (the page around it says what it is). */
  readonly label: string | null;
  /** The field's accessible name, and what the button copies, in words ("your private link"). */
  readonly name: string;
  readonly value: string;
  /** The field's and the button's test ids. */
  readonly testId: string;
  readonly copyTestId: string;
  /** The button's words before copying (default "Copy"). */
  readonly copyText?: string;
  /** A larger, primary-looking button (the create page). */
  readonly large?: boolean;
}

const SHOWN_MS = 3000;

/** The field and its Copy button. */
export function CopyField({
  label,
  name,
  value,
  testId,
  copyTestId,
  copyText = "Copy",
  large,
}: CopyFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = window.setTimeout(() => setCopied(false), SHOWN_MS);
    return () => window.clearTimeout(t);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
      input.current?.select();
    }
  };
  return (
    <div className="copy-field">
      {label !== null && <label htmlFor={id}>{label}</label>}
      <div className="copy-field-row">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          data-testid={testId}
          aria-label={label === null ? name : undefined}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className={large === true ? "button" : "button small-button"}
          data-testid={copyTestId}
          aria-label={copied ? `Copied ${name}` : `Copy ${name}`}
          onClick={() => void copy()}
        >
          {copied ? "Copied ✓" : copyText}
        </button>
      </div>
    </div>
  );
}
