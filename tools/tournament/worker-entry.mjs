// The entry of a tournament worker thread. On Node 20 a worker does not inherit tsx's loader (nor
// does `execArgv: ["--import", "tsx"]` work there), so this plain module registers tsx in the
// worker, then loads the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
