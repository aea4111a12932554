// The PyTorch script cannot run here (no torch), so it is parsed with Python's
// ast module for every network and compared with reviewed golden files.
// After a deliberate change, regenerate them with NN_UPDATE_GOLDEN=1 and review the diff.

import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportNetwork } from '../../../src/export';
import type { NnModel } from '../../../src/model/types';
import { allModels } from './models';
import { pythonHas, pythonSyntaxError, runPython } from './python';

const golden = join(__dirname, '..', '..', 'fixtures', 'export');
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function script(model: NnModel): Promise<{ source: string; names: string[]; files: Map<string, string> }> {
  const { files } = await exportNetwork(model, 'pytorch', { baseName: 'train' });
  return { source: text(files[0].bytes), names: files.map((f) => f.name), files: new Map(files.map((f) => [f.name, text(f.bytes)])) };
}

/** Names of module-level functions and classes, and the torch.optim calls, from the parsed tree. */
const OUTLINE = `
import ast, json, sys
tree = ast.parse(open(sys.argv[1]).read())
defs = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
calls = sorted({ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call) and "optim" in ast.unparse(n.func)})
print(json.dumps({"defs": defs, "optim": calls}))
`;

describe('PyTorch script export', function () {
  let dir = '';
  before(function () {
    if (!pythonHas('ast')) this.skip(); // python3 is not installed, so the generated scripts cannot be parsed
    dir = mkdtempSync(join(tmpdir(), 'nn-torch-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const model of allModels()) {
    it(`${model.name}: the script parses and defines the module, loss, optimizer and DDP entry point`, async () => {
      const { source } = await script(model);
      const file = join(dir, 'train.py');
      writeFileSync(file, source);
      assert.equal(pythonSyntaxError(file), '');
      const outline = JSON.parse(runPython(OUTLINE, [file])) as { defs: string[]; optim: string[] };
      for (const name of ['Network', 'trained_network', 'loss_fn', 'make_optimizer', 'load_csv', 'setup', 'main']) assert.ok(outline.defs.includes(name), name);
      const expected = { sgd: 'torch.optim.SGD', momentum: 'torch.optim.SGD', adam: 'torch.optim.Adam' }[model.training.optimizer.type];
      assert.ok(outline.optim.includes(expected), outline.optim.join(', '));
      assert.match(source, /DistributedDataParallel\(model/);
    });
  }

  for (const name of ['paper-and', 'classes', 'scaled']) {
    it(`${name}: matches the reviewed golden script`, async () => {
      const model = allModels().find((m) => m.name === name);
      assert.ok(model);
      const { source } = await script(model);
      const path = join(golden, `pytorch-${name}.py`);
      if (process.env.NN_UPDATE_GOLDEN) writeFileSync(path, source);
      assert.ok(existsSync(path), `${path} is missing; create it with NN_UPDATE_GOLDEN=1 and review it`);
      assert.equal(source, readFileSync(path, 'utf8'));
    });
  }

  it('writes the generated samples of a built-in dataset to a CSV beside the script', async () => {
    const model = allModels().find((m) => m.name === 'scaled');
    assert.ok(model);
    const { names, files, source } = await script(model);
    assert.deepEqual(names, ['train.py', 'train-data.csv']);
    const [header, ...rows] = (files.get('train-data.csv') ?? '').trim().split('\n');
    assert.equal(header.split(',').length, 3);
    assert.ok(rows.length > 0 && rows.every((r) => r.split(',').length === 3 && r.split(',').every((c) => Number.isFinite(Number(c)))));
    assert.match(source, /^DATA = "train-data\.csv"$/m);
  });
});
