/**
 * Data exports (docs/exports.md): a match's or a class session's tables as data — columns with
 * their meanings, and rows made from what the reader may see. The server writes them as CSV files
 * in a zip and as one JSON file.
 */
export * from "./table";
export * from "./tables";
