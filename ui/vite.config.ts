import { defineConfig } from "vite";

// The window loads ui/dist from the app binary (Tauri's asset protocol): relative asset
// paths, one modern target (WebKitGTK, WKWebView, WebView2), no dev server needed.
export default defineConfig({
  base: "./",
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
  },
});
