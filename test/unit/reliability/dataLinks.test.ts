// A symbolic link inside the network's folder that leads out of it is refused
// as ".." is: the check follows links on a real file system, in a temp folder.

import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { resolveDataFile, resolveDataPath, type RealPath } from '../../../src/host/dataPath';

interface Parts {
  scheme: string;
  path: string;
}

/** Just enough of vscode.Uri: its parts, `with` and `fsPath` (POSIX here). */
function uri(path: string, scheme = 'file'): vscode.Uri {
  const make = (p: Parts): vscode.Uri =>
    ({ ...p, authority: '', query: '', fragment: '', fsPath: p.path, with: (change: Partial<Parts>) => make({ ...p, ...change }) }) as unknown as vscode.Uri;
  return make({ scheme, path });
}

const nodeRealPath: RealPath = async (u) => (u.scheme === 'file' ? realpath(u.fsPath) : undefined);

describe('reliability: data paths through symbolic links', () => {
  let root: string;
  let folders: { uri: vscode.Uri }[];
  let network: vscode.Uri;

  before(function () {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'nn-links-')));
    mkdirSync(join(root, 'project', 'nets', 'data'), { recursive: true });
    mkdirSync(join(root, 'project', 'other'), { recursive: true });
    mkdirSync(join(root, 'outside'), { recursive: true });
    writeFileSync(join(root, 'outside', 'secret.csv'), 'a,b\n1,2\n');
    writeFileSync(join(root, 'project', 'other', 'sibling.csv'), 'a,b\n1,2\n');
    writeFileSync(join(root, 'project', 'nets', 'data', 'real.csv'), 'a,b\n1,2\n');
    writeFileSync(join(root, 'project', 'nets', 'net.nnjson'), '{}');
    const nets = join(root, 'project', 'nets');
    try {
      symlinkSync(join(root, 'outside', 'secret.csv'), join(nets, 'secret.csv'));
      symlinkSync(join(root, 'outside'), join(nets, 'linked'));
      symlinkSync(join(root, 'project', 'other', 'sibling.csv'), join(nets, 'sibling.csv'));
      symlinkSync(join(nets, 'data', 'real.csv'), join(nets, 'alias.csv'));
      symlinkSync(join(root, 'outside', 'gone.csv'), join(nets, 'dangling.csv'));
    } catch (error) {
      // Some file systems (and Windows without the privilege) cannot make links.
      if ((error as NodeJS.ErrnoException).code === 'EPERM') this.skip();
      throw error;
    }
    folders = [{ uri: uri(join(root, 'project')) }];
    network = uri(join(nets, 'net.nnjson'));
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('lets the link through when only the path is checked, which is why the link check exists', () => {
    assert.equal(resolveDataPath(network, 'secret.csv', folders).ok, true);
  });

  it('refuses a file link and a folder link that lead out of the workspace, like ".."', async () => {
    for (const path of ['secret.csv', 'linked/secret.csv', './linked//secret.csv']) {
      const result = await resolveDataFile(network, path, folders, nodeRealPath);
      assert.equal(result.ok, false, path);
      assert.equal(
        !result.ok && result.message,
        `the data path ${JSON.stringify(path)} leads out of the network's folder through a symbolic link: data files must be inside the network's folder or below it`,
      );
    }
    const dots = resolveDataPath(network, '../../outside/secret.csv', folders);
    assert.ok(!dots.ok && dots.message.endsWith(': data files must be inside the network\'s folder or below it'), 'the same rule as ".."');
  });

  it('refuses a link to a file elsewhere in the workspace but outside the network\'s folder, as ".." would be', async () => {
    const result = await resolveDataFile(network, 'sibling.csv', folders, nodeRealPath);
    assert.equal(result.ok, false);
  });

  it('accepts plain files and links that stay inside the folder, with the path as written', async () => {
    for (const [path, expected] of [['data/real.csv', 'data/real.csv'], ['alias.csv', 'alias.csv']]) {
      const result = await resolveDataFile(network, path, folders, nodeRealPath);
      assert.ok(result.ok, path);
      assert.equal(result.uri.path, join(root, 'project', 'nets', expected));
    }
  });

  it('lets a missing file or a dangling link through, for the reader to report as missing', async () => {
    assert.equal((await resolveDataFile(network, 'nothing.csv', folders, nodeRealPath)).ok, true);
    assert.equal((await resolveDataFile(network, 'dangling.csv', folders, nodeRealPath)).ok, true);
  });

  it('still refuses what the path rules refuse, before looking at the disk', async () => {
    let looked = 0;
    const counting: RealPath = async (u) => {
      looked++;
      return nodeRealPath(u);
    };
    const result = await resolveDataFile(network, '../outside/secret.csv', folders, counting);
    assert.ok(!result.ok && /goes through "\.\."/.test(result.message));
    assert.equal(looked, 0);
  });

  it('accepts a network reached through a linked workspace folder', async () => {
    const via = join(root, 'via');
    symlinkSync(join(root, 'project'), via);
    const linkedNetwork = uri(join(via, 'nets', 'net.nnjson'));
    const result = await resolveDataFile(linkedNetwork, 'data/real.csv', [{ uri: uri(via) }], nodeRealPath);
    assert.ok(result.ok);
    assert.equal((await resolveDataFile(linkedNetwork, 'secret.csv', [{ uri: uri(via) }], nodeRealPath)).ok, false);
  });
});
