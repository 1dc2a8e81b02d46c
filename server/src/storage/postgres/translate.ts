/**
 * Statements are written once, in the SQL both databases read, with better-sqlite3's parameters:
 * `?` in order, or `@name` taken from one object. PostgreSQL numbers its parameters (`$1`), so
 * each statement is translated once: the text with `$n` in place of each parameter, and how to
 * pick the values from a call's arguments. Quoted strings and identifiers are left alone.
 */

/** A statement for PostgreSQL: its text, and the values for a call's arguments. */
export interface Translated {
  readonly text: string;
  values(args: readonly unknown[]): unknown[];
}

/** Whether a character may continue a parameter's name. */
function nameChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

/** Translates a statement's parameters to PostgreSQL's `$n`. */
export function translate(sql: string): Translated {
  let text = "";
  let positional = 0;
  const names: string[] = [];
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote !== null) {
      text += c;
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
      text += c;
    } else if (c === "?") {
      positional += 1;
      text += `$${positional}`;
    } else if (c === "@" && nameChar(sql[i + 1])) {
      let name = "";
      while (nameChar(sql[i + 1])) name += sql[++i]!;
      let index = names.indexOf(name);
      if (index < 0) index = names.push(name) - 1;
      text += `$${index + 1}`;
    } else text += c;
  }
  if (positional > 0 && names.length > 0) throw new Error(`a statement mixes ? and @name parameters: ${sql}`);
  if (names.length === 0) return { text, values: (args) => [...args] };
  return {
    text,
    values: (args) => {
      const bag = args[0];
      if (args.length !== 1 || typeof bag !== "object" || bag === null)
        throw new TypeError(`this statement takes one object of named parameters: ${sql}`);
      return names.map((name) => {
        if (!(name in bag)) throw new RangeError(`missing named parameter @${name}`);
        return (bag as Record<string, unknown>)[name];
      });
    },
  };
}
