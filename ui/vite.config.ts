import { defineConfig } from "vitest/config";

// The UI is plain TypeScript: Vite bundles it into ui/dist, which Tauri embeds in the app.
export default defineConfig({
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    // The Fluent files live in ../locales, shared with the CLI.
    fs: { allow: [".."] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // No inline scripts or eval: the CSP allows only 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
});
