/** Vite's client types (import.meta.glob, asset imports) for the app. */
/// <reference types="vite/client" />
