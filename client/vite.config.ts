/**
 * Builds the browser client into client/dist, which the server serves on its one port. In
 * development (`npx vite --config client/vite.config.ts`) the API and sockets are proxied to a
 * server on :8000.
 */
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  esbuild: { jsx: "automatic" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      "/api": "http://localhost:8000",
      "/entente": { target: "http://localhost:8000", ws: true },
      "/press": { target: "http://localhost:8000", ws: true },
      "/socket.io": { target: "http://localhost:8000", ws: true },
    },
  },
});
