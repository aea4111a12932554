// The designer page's security settings, as src/host/html.ts builds them: a
// content security policy of default-src 'none' with nonce scripts, resources
// only from the webview's own source, local resources only from dist/ and
// media/, no inline handlers, and a title from the file name that stays text.
// html.ts imports `vscode`; this test gives it the two members it uses.

import { strict as assert } from 'node:assert';
import Module from 'node:module';

interface FakeUri {
  scheme: string;
  path: string;
  toString(): string;
}

const uri = (path: string): FakeUri => ({ scheme: 'file', path, toString: () => `file://${path}` });
const fakeVscode = { Uri: { joinPath: (base: FakeUri, ...segments: string[]) => uri([base.path, ...segments].join('/')) } };
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const webview = { cspSource: CSP_SOURCE, asWebviewUri: (u: FakeUri) => ({ toString: () => `${CSP_SOURCE}${u.path}` }) };

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve; _cache: Record<string, unknown> };

describe('reliability: the designer page (src/host/html.ts)', () => {
  let html: typeof import('../../../src/host/html');
  const original = loader._resolveFilename;

  before(async () => {
    loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
      return request === 'vscode' ? 'vscode' : original.call(this, request, ...rest);
    };
    loader._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: fakeVscode };
    html = await import('../../../src/host/html.js');
  });
  after(() => {
    loader._resolveFilename = original;
    delete loader._cache.vscode;
  });

  const page = (title = 'and.nnjson'): string => html.getHtml(webview as never, uri('/ext') as never, title);

  function policy(text: string): Map<string, string[]> {
    const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(text)?.[1];
    assert.ok(content, 'the page declares a content security policy');
    const directives = new Map<string, string[]>();
    for (const part of content.split(';').map((p) => p.trim()).filter(Boolean)) {
      const [name, ...values] = part.split(/\s+/);
      directives.set(name, values);
    }
    return directives;
  }

  it("denies everything by default and allows scripts only by this page's nonce", () => {
    const text = page();
    const csp = policy(text);
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    const scripts = csp.get('script-src') ?? [];
    assert.equal(scripts.length, 1);
    const nonce = /^'nonce-([A-Za-z0-9_-]+)'$/.exec(scripts[0])?.[1];
    assert.ok(nonce && nonce.length >= 22, 'a nonce of at least 128 bits');
    const tags = [...text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(tags.length >= 1 && tags.every((t) => t.includes(`nonce="${nonce}"`)), tags.join('\n'));
    assert.notEqual(policy(page()).get('script-src')?.[0], scripts[0], 'a fresh nonce for every page');
  });

  it("loads styles, fonts and images only from the webview's source, and nothing from the network", () => {
    const csp = policy(page());
    assert.deepEqual(csp.get('style-src'), [CSP_SOURCE]);
    assert.deepEqual(csp.get('font-src'), [CSP_SOURCE]);
    // data: images are the exported PNG preview; no host is allowed.
    assert.ok((csp.get('img-src') ?? []).every((s) => s === CSP_SOURCE || s === 'data:'));
    for (const [name, values] of csp) {
      assert.ok(!values.some((v) => v === '*' || /^https?:$/.test(v) || v === "'unsafe-inline'" || v === "'unsafe-eval'"), `${name}: ${values.join(' ')}`);
    }
    assert.ok(!csp.has('connect-src') && !csp.has('frame-src'), 'no fetches and no frames');
    for (const m of page().matchAll(/(?:src|href)="([^"]*)"/g)) assert.ok(m[1].startsWith(CSP_SOURCE), m[1]);
  });

  it('has no inline event handlers or inline styles, and escapes the file name', () => {
    const hostile = '<img src=x onerror="alert(1)">.nnjson';
    const text = page(hostile);
    for (const [tag] of text.matchAll(/<[a-z][^>]*>/gi)) {
      assert.doesNotMatch(tag, /\son[a-z]+\s*=/i, tag);
      assert.doesNotMatch(tag, /^<style|\sstyle=/i, tag);
    }
    assert.ok(!text.includes('<img'), 'the file name is not markup');
    assert.match(text, /<title>&#60;img src=x onerror=&#34;alert\(1\)&#34;&#62;\.nnjson<\/title>/);
  });

  it('limits local resources to dist/ and media/', () => {
    assert.deepEqual(html.localResourceRoots(uri('/ext') as never).map((u) => (u as unknown as FakeUri).path), ['/ext/dist', '/ext/media']);
  });
});
