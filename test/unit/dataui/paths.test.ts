// Data paths: relative to the network's folder, and never outside the workspace folder.
import { strict as assert } from 'node:assert';
import { posix } from 'node:path';
import { DataError } from '../../../src/data';
import { relativeDataPath, resolveDataPath } from '../../../src/host/data/paths';

const ROOT = '/home/u/project';

function refused(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (e: unknown) => e instanceof DataError && pattern.test(e.message));
}

describe('data chooser: paths', () => {
  const cases: Array<[model: string, data: string, relative: string]> = [
    [`${ROOT}/net.nnjson`, `${ROOT}/my-data.csv`, 'my-data.csv'],
    [`${ROOT}/nets/net.nnjson`, `${ROOT}/data/iris.csv`, '../data/iris.csv'],
    [`${ROOT}/net.nnjson`, `${ROOT}/data/deep/x.json`, 'data/deep/x.json'],
    [`${ROOT}/a/b/net.nnjson`, `${ROOT}/a/b/c.csv`, 'c.csv'],
  ];
  for (const [model, data, relative] of cases) {
    it(`writes ${relative} for ${posix.relative(ROOT, data)} next to ${posix.relative(ROOT, model)}, and reads it back there`, () => {
      assert.equal(relativeDataPath(model, data, ROOT), relative);
      assert.equal(resolveDataPath(model, relative, ROOT), data);
    });
  }

  it('refuses a data file outside the workspace folder, including a sibling with the same prefix', () => {
    refused(() => relativeDataPath(`${ROOT}/net.nnjson`, '/home/u/other/data.csv', ROOT), /outside the workspace folder/);
    refused(() => relativeDataPath(`${ROOT}/net.nnjson`, `${ROOT}-old/data.csv`, ROOT), /outside the workspace folder/);
    refused(() => relativeDataPath(`${ROOT}/net.nnjson`, `${ROOT}/../secret.csv`, ROOT), /outside the workspace folder/);
  });

  it('refuses a network outside the workspace folder', () => {
    refused(() => relativeDataPath('/tmp/net.nnjson', `${ROOT}/data.csv`, ROOT), /not inside a workspace folder/);
  });

  it('refuses stored paths that are absolute or climb out of the workspace folder', () => {
    refused(() => resolveDataPath(`${ROOT}/net.nnjson`, '/etc/passwd', ROOT), /must be relative/);
    refused(() => resolveDataPath(`${ROOT}/net.nnjson`, 'C:\\data.csv', ROOT), /must be relative/);
    refused(() => resolveDataPath(`${ROOT}/net.nnjson`, '../outside.csv', ROOT), /leads outside/);
    refused(() => resolveDataPath(`${ROOT}/a/net.nnjson`, 'b/../../../x.csv', ROOT), /leads outside/);
    refused(() => resolveDataPath(`${ROOT}/net.nnjson`, ' ', ROOT), /empty/);
  });

  it('accepts backslashes written on Windows', () => {
    assert.equal(resolveDataPath(`${ROOT}/net.nnjson`, 'data\\iris.csv', ROOT), `${ROOT}/data/iris.csv`);
  });
});
