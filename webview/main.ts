// Replaced by the real designer webview.
export {};
