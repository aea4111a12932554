// A local web server for the harness page: the page itself (with the chosen
// theme's variables and a stubbed `acquireVsCodeApi`) and the built webview bundle.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { THEMES, type ThemeName } from './themes';

export const root = join(__dirname, '..', '..', '..');

/** Records every message the webview posts in `window.__sent`, and keeps setState's value like VS Code does. */
const STUB = `
window.__sent = [];
// What the page saved before it was torn down, as VS Code hands it to the page shown again.
window.__state = window.__savedState;
let acquired = false;
window.acquireVsCodeApi = () => {
  if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
  acquired = true;
  return Object.freeze({
    postMessage: (message) => { window.__sent.push(JSON.parse(JSON.stringify(message))); },
    getState: () => window.__state,
    setState: (value) => { window.__state = value; return value; },
  });
};`;

/** VS Code sets the theme's variables in the style attribute of <html>; so does the harness. */
function page(theme: ThemeName): string {
  const t = THEMES[theme];
  const css = existsSync(join(root, 'dist', 'webview.css')) ? '<link rel="stylesheet" href="/dist/webview.css">' : '';
  return `<!DOCTYPE html>
<html lang="en" style="${Object.entries(t.vars).map(([k, v]) => `${k}: ${v}`).join('; ').replace(/"/g, '&quot;')}">
<head>
<meta charset="UTF-8">
<title>NN Designer webview harness</title>
<style>
body {
  background-color: var(--vscode-editor-background);
  color: var(--vscode-foreground);
  font-family: var(--vscode-font-family);
  font-size: var(--vscode-font-size);
  margin: 0;
  padding: 0 20px;
}
</style>
${css}
<script>${STUB}</script>
</head>
<body class="${t.bodyClass}" data-vscode-theme-kind="${t.kind}" data-vscode-theme-name="${theme}">
<div id="app"></div>
<script src="/dist/webview.js"></script>
</body>
</html>`;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `/?theme=…` and the files under dist/ and media/ on 127.0.0.1 at a free port. */
export async function startHarnessServer(): Promise<HarnessServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      const theme = (url.searchParams.get('theme') ?? 'dark') as ThemeName;
      if (!(theme in THEMES)) {
        res.writeHead(400).end(`unknown theme ${theme}`);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(theme));
      return;
    }
    const match = /^\/(dist|media)\/([\w.-]+)$/.exec(url.pathname);
    const file = match ? join(root, match[1], match[2]) : undefined;
    if (!file || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const ext = file.slice(file.lastIndexOf('.'));
    res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
