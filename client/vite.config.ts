/**
 * Builds the browser client into client/dist, which the server serves on its one port. In
 * development (`npx vite --config client/vite.config.ts`) the API and sockets are proxied to a
 * server on :8000.
 *
 * The build is also an installable app (vite-plugin-pwa): a web app manifest, and a service
 * worker (`sw.js`, made by Workbox's generateSW) that precaches the whole built app — scripts,
 * styles, the page, the icons; the map layouts are inside the scripts — so that after one online
 * visit the app loads without a network, and offline play (`/local`) works. A navigation to any of
 * the app's routes gets the cached page; the server's own paths (the API, the sockets, the press
 * channel, the health check) are never answered from the cache, and no API answer is cached. A new
 * build's worker replaces the old one and the page reloads once into it (`registerType:
 * "autoUpdate"`, registered in src/main.tsx). The worker also loads public/sw-notification-click.js:
 * a click on a game notification brings its match's tab to the front.
 */
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { SERVER_PATHS } from "../shared/src/wire/paths";

/** The client's palette (src/app/styles.css): the header's card colour and the page's paper. */
const CARD = "#fffcf5";
const PAPER = "#f4eee2";

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
  plugins: [
    VitePWA({
      strategies: "generateSW",
      registerType: "autoUpdate",
      injectRegister: false, // src/main.tsx registers it
      includeManifestIcons: false, // the glob below already precaches client/public
      manifest: {
        name: "Entente",
        short_name: "Entente",
        description: "A diplomacy board game about trust. Play online, or offline against bots.",
        lang: "en",
        start_url: "/",
        scope: "/",
        display: "standalone",
        theme_color: CARD,
        background_color: PAPER,
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,ico,woff2}"], // and the manifest, added by the plugin
        navigateFallback: "index.html",
        navigateFallbackDenylist: [...SERVER_PATHS], // the server's own paths (shared/src/wire/paths.ts)
        runtimeCaching: [], // API answers, sockets and press are never cached
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        importScripts: ["sw-notification-click.js"], // a notification's click brings its match to the front
      },
    }),
  ],
  server: {
    proxy: {
      "/api": "http://localhost:8000",
      "/entente": { target: "http://localhost:8000", ws: true },
      "/press": { target: "http://localhost:8000", ws: true },
      "/socket.io": { target: "http://localhost:8000", ws: true },
    },
  },
});
