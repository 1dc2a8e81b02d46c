/**
 * A QR code of a link, as an SVG data URL, drawn by the `qrcode` library (loaded only when a code
 * is first drawn): the class join card, a student's rejoin link and a seat's device link.
 */
export async function qrOf(url: string): Promise<string> {
  const { toString } = await import("qrcode");
  const svg = await toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
