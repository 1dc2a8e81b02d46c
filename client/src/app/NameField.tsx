/** The "Your name" field of the create and join forms. */
import type { ReactNode } from "react";

/** A display-name input (at most 40 characters, the lobby's limit). */
export function NameField(props: {
  readonly testId: string;
  readonly value: string;
  readonly onChange: (name: string) => void;
  readonly placeholder: string;
  readonly className?: string;
}): ReactNode {
  return (
    <label className={props.className ?? "field"}>
      <span>Your name</span>
      <input
        data-testid={props.testId}
        value={props.value}
        maxLength={40}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        autoComplete="nickname"
      />
    </label>
  );
}
