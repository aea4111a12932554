// Checks the schema cannot express: shapes that depend on other fields,
// layer order, and size caps. Written defensively so they also run on a
// document that failed the schema, and every problem is reported at once.

import type { Issue } from './issue';
import { MAX_PARAMETERS, MAX_UNITS } from './limits';
import { pointerToPath } from './pointer';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

export function semanticIssues(doc: unknown): Issue[] {
  if (!isObj(doc)) return [];
  const issues: Issue[] = [];
  const add = (pointer: string, message: string): void => {
    issues.push({ pointer, message: message.replace('$', () => pointerToPath(pointer)), kind: 'semantic' });
  };

  const inputs = isCount(doc.inputs) ? doc.inputs : undefined;
  if (inputs !== undefined && inputs > MAX_UNITS) add('/inputs', `$ is ${inputs}, more than the limit of ${MAX_UNITS}`);
  const outputs = checkLayers(doc.layers, inputs, add);
  checkNames(doc.inputNames, '/inputNames', inputs, 'inputs', add);
  checkNames(doc.outputNames, '/outputNames', outputs, 'outputs', add);
  if (isObj(doc.data)) checkData(doc.data, inputs, outputs, add);
  return issues;
}

type Add = (pointer: string, message: string) => void;

/** Walks the layers tracking the width flowing through them; returns the output width. */
function checkLayers(layers: unknown, inputs: number | undefined, add: Add): number | undefined {
  if (!Array.isArray(layers)) return undefined;
  let width = inputs;
  let outputs: number | undefined;
  let parameters = 0;
  let parametersKnown = inputs !== undefined;
  layers.forEach((layer: unknown, i) => {
    if (!isObj(layer)) return;
    const at = `/layers/${i}`;
    if (i === 0 && layer.type === 'activation') {
      add(`${at}/type`, '$ must be "dense": the first layer receives the inputs');
    }
    if (layer.type === 'activation') {
      if (layer.activation === 'softmax' && i < layers.length - 1) {
        add(`${at}/activation`, '$ is softmax, which may only be the last layer');
      }
      return;
    }
    if (layer.type !== 'dense') return;
    const units = isCount(layer.units) ? layer.units : undefined;
    if (units !== undefined && units > MAX_UNITS) add(`${at}/units`, `$ is ${units}, more than the limit of ${MAX_UNITS}`);
    checkWeights(layer, at, units, width, i, add);
    if (units !== undefined && width !== undefined) parameters += units * (width + 1);
    else parametersKnown = false;
    width = units;
    outputs = units;
  });
  if (parametersKnown && parameters > MAX_PARAMETERS) {
    add('/layers', `the network has ${parameters.toLocaleString('en-US')} parameters, more than the limit of ${MAX_PARAMETERS.toLocaleString('en-US')}`);
  }
  return outputs;
}

function checkWeights(layer: Obj, at: string, units: number | undefined, width: number | undefined, i: number, add: Add): void {
  const source = i === 0 ? "the network's inputs" : 'the previous dense layer';
  const { weights, bias } = layer;
  if (Array.isArray(weights) && units !== undefined && weights.length !== units) {
    add(`${at}/weights`, `$ has ${plural(weights.length, 'row')} but the layer has ${plural(units, 'unit')}`);
  }
  if (Array.isArray(weights) && width !== undefined) {
    weights.forEach((row: unknown, j) => {
      if (Array.isArray(row) && row.length !== width) {
        add(`${at}/weights/${j}`, `$ has ${plural(row.length, 'value')} but the layer takes ${plural(width, 'input')} (from ${source})`);
      }
    });
  }
  if (Array.isArray(bias) && units !== undefined && bias.length !== units) {
    add(`${at}/bias`, `$ has ${plural(bias.length, 'value')} but the layer has ${plural(units, 'unit')}`);
  }
}

function checkNames(names: unknown, pointer: string, expected: number | undefined, what: string, add: Add): void {
  if (Array.isArray(names) && expected !== undefined && names.length !== expected) {
    add(pointer, `$ has ${plural(names.length, 'name')} but the network has ${plural(expected, what.slice(0, -1))}`);
  }
}

function checkData(data: Obj, inputs: number | undefined, outputs: number | undefined, add: Add): void {
  if (data.source === 'inline') {
    checkRows(data.inputs, '/data/inputs', inputs, 'input', add);
    checkRows(data.targets, '/data/targets', outputs, 'output', add);
    if (Array.isArray(data.inputs) && Array.isArray(data.targets) && data.inputs.length !== data.targets.length) {
      add('/data/targets', `$ has ${plural(data.targets.length, 'row')} but data.inputs has ${data.inputs.length}`);
    }
  }
  if (data.source === 'file' && isObj(data.categorical) && Array.isArray(data.categorical.classes) && outputs !== undefined) {
    const n = data.categorical.classes.length;
    // Two classes train either as one 0/1 output (sigmoid) or as two one-hot outputs (softmax).
    const fits = n === outputs || (n === 2 && outputs === 1);
    if (!fits) add('/data/categorical/classes', `$ has ${plural(n, 'class', 'classes')} but the network has ${plural(outputs, 'output')}`);
  }
  if (isObj(data.normalization) && inputs !== undefined) {
    for (const key of ['min', 'max', 'mean', 'std']) {
      const values = data.normalization[key];
      if (Array.isArray(values) && values.length !== inputs) {
        add(`/data/normalization/${key}`, `$ has ${plural(values.length, 'value')} but the network has ${plural(inputs, 'input')}`);
      }
    }
  }
}

function checkRows(rows: unknown, pointer: string, width: number | undefined, what: string, add: Add): void {
  if (!Array.isArray(rows) || width === undefined) return;
  rows.forEach((row: unknown, k) => {
    if (Array.isArray(row) && row.length !== width) {
      add(`${pointer}/${k}`, `$ has ${plural(row.length, 'value')} but the network has ${plural(width, what)}`);
    }
  });
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
