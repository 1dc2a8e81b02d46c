/**
 * The words of device links (pure): why a private link did not open a seat, by the lobby's refusal
 * code (ContinuePage.tsx), and when a link stops working (DeviceLink.tsx).
 */

/** Why a device link did not work, in plain words, by the lobby's refusal code. */
export function continueRefusal(code: string, message: string): { title: string; text: string } {
  switch (code) {
    case "missing-token":
      return {
        title: "This link is incomplete",
        text: "The private link ends with a long key after a “#”, and that part is missing. Copy the whole link again from your other device.",
      };
    case "unknown-device-link":
    case "bad-payload":
      return {
        title: "This link does not work",
        text: "It may be mistyped, revoked, or replaced by a newer link. Open “Continue on another device” in the match on your other device to make a new one.",
      };
    case "device-link-used":
      return {
        title: "This link was used already",
        text: "Each private link works once. Open “Continue on another device” in the match on your other device to make a new one.",
      };
    case "device-link-expired":
      return {
        title: "This link has expired",
        text: "A private link works for 7 days. Open “Continue on another device” in the match on your other device to make a new one.",
      };
    case "unknown-match":
      return {
        title: "No such match",
        text: "There is no such match on this server; it may have been removed.",
      };
    default:
      return { title: "The seat could not be opened here", text: message };
  }
}

/** When a link stops working, in the player's words, language and time zone. */
export function expiryText(expiresAt: number, locale?: string): string {
  const when = new Date(expiresAt).toLocaleString(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  });
  return `Works once, until ${when}.`;
}
