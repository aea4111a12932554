// Data paths from a file are confined to the workspace: relative to the
// network's folder, never absolute, never through "..".

import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { resolveDataPath } from '../../../src/host/dataPath';

interface Parts {
  scheme: string;
  authority: string;
  path: string;
}

/** Just enough of vscode.Uri for the path rules: its parts and `with`. */
function uri(scheme: string, path: string, authority = ''): vscode.Uri {
  const make = (p: Parts): vscode.Uri =>
    ({ ...p, query: '', fragment: '', with: (change: Partial<Parts>) => make({ ...p, ...change }), toString: () => `${p.scheme}://${p.authority}${p.path}` }) as unknown as vscode.Uri;
  return make({ scheme, authority, path });
}

const folder = [{ uri: uri('file', '/work/project') }];
const doc = uri('file', '/work/project/nets/iris.nnjson');

function refused(path: string, documentUri = doc, folders: { uri: vscode.Uri }[] | undefined = folder): string {
  const result = resolveDataPath(documentUri, path, folders);
  assert.equal(result.ok, false, `${path} must be refused`);
  return (result as { message: string }).message;
}

describe('reliability: data paths', () => {
  it('resolves a path relative to the network\'s folder', () => {
    for (const [path, expected] of [
      ['iris.csv', '/work/project/nets/iris.csv'],
      ['data/iris.csv', '/work/project/nets/data/iris.csv'],
      ['./data//iris.csv', '/work/project/nets/data/iris.csv'],
      ['data\\iris.csv', '/work/project/nets/data/iris.csv'],
    ]) {
      const result = resolveDataPath(doc, path, folder);
      assert.ok(result.ok, path);
      assert.equal(result.uri.path, expected);
      assert.equal(result.uri.scheme, 'file');
    }
  });

  it('refuses ".." anywhere, with a message', () => {
    for (const path of ['../iris.csv', 'data/../../secret.csv', '..\\..\\etc\\passwd', 'a/..', '..']) {
      assert.match(refused(path), /goes through "\.\."/);
    }
  });

  it('refuses absolute paths and URLs', () => {
    for (const path of ['/etc/passwd', '\\\\server\\share\\x.csv', 'C:\\data\\x.csv', 'c:/x.csv', 'file:///etc/passwd', 'https://example.com/x.csv']) {
      assert.match(refused(path), /must be relative|goes through/, path);
    }
  });

  it('refuses empty paths, folders and control characters', () => {
    assert.match(refused(''), /empty/);
    assert.match(refused('./'), /names a folder/);
    assert.match(refused('a\u0000.csv'), /control characters/);
  });

  it('refuses a network outside every workspace folder, and an unsaved one', () => {
    assert.match(refused('iris.csv', uri('file', '/tmp/elsewhere/x.nnjson')), /outside the workspace/);
    assert.match(refused('iris.csv', uri('file', '/work/project-other/x.nnjson')), /outside the workspace/);
    assert.match(refused('iris.csv', uri('vscode-remote', '/work/project/x.nnjson', 'host')), /outside the workspace/);
    assert.match(refused('iris.csv', uri('untitled', 'Untitled-1')), /save the network first/);
  });

  it('allows the network\'s own folder when no workspace folder is open', () => {
    const result = resolveDataPath(uri('file', '/tmp/x/net.nnjson'), 'd.csv', undefined);
    assert.ok(result.ok);
    assert.equal(result.uri.path, '/tmp/x/d.csv');
  });
});
