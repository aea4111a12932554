// Data paths: relative to the network's folder, and never outside the workspace folder.
import { strict as assert } from 'node:assert';
import { posix } from 'node:path';
import { DataError } from '../../../src/data';
import { relativeDataPath } from '../../../src/host/data/paths';

const ROOT = '/home/u/project';

function refused(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (e: unknown) => e instanceof DataError && pattern.test(e.message));
}

describe('data chooser: paths', () => {
  const cases: Array<[model: string, data: string, relative: string]> = [
    [`${ROOT}/net.nnjson`, `${ROOT}/my-data.csv`, 'my-data.csv'],
    [`${ROOT}/net.nnjson`, `${ROOT}/data/deep/x.json`, 'data/deep/x.json'],
    [`${ROOT}/a/b/net.nnjson`, `${ROOT}/a/b/c.csv`, 'c.csv'],
  ];
  for (const [model, data, relative] of cases) {
    it(`writes ${relative} for ${posix.relative(ROOT, data)} next to ${posix.relative(ROOT, model)}`, () => {
      assert.equal(relativeDataPath(model, data, ROOT), relative);
      assert.equal(posix.join(posix.dirname(model), relative), data);
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

  it('refuses a data file that only a path through ".." could reach', () => {
    refused(() => relativeDataPath(`${ROOT}/nets/net.nnjson`, `${ROOT}/data/iris.csv`, ROOT), /not in the network's folder or below it/);
  });
});
