// Reading a Keras Sequential topology (model.to_json() from Keras 2 or 3, or
// the modelTopology of a TF.js model.json) into our layer list.

import type { ActivationName, LayerSpec } from '../model/types';
import { InteropError } from './types';

export interface KerasReading {
  inputs: number;
  layers: LayerSpec[];
  /** For each Dense layer in `layers` order, the Keras layer name its weights are stored under, and whether it has a bias. */
  dense: { name: string; useBias: boolean }[];
  warnings: string[];
}

type Json = Record<string, unknown>;

const ACTIVATIONS: Record<string, ActivationName> = {
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  linear: 'linear',
  leaky_relu: 'leakyRelu',
  leakyRelu: 'leakyRelu',
};

const SUPPORTED = 'Dense, Activation, ReLU, LeakyReLU, Softmax, Dropout and InputLayer';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The width of a [null, n] shape, or nothing. */
function widthOf(shape: unknown): number | undefined {
  if (!Array.isArray(shape) || shape.length !== 2) return undefined;
  const n: unknown = shape[1];
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

function declaredInputs(config: Json): number | undefined {
  if (Array.isArray(config.input_shape) && config.input_shape.length === 1) return widthOf([null, config.input_shape[0]]);
  return widthOf(config.batch_input_shape) ?? widthOf(config.batch_shape) ?? widthOf(config.batchInputShape);
}

function activationName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isObject(value)) {
    const config = isObject(value.config) ? value.config : {};
    return String(config.name ?? value.class_name ?? 'unknown');
  }
  return 'linear';
}

/** Keras 2 defaults LeakyReLU to 0.3 under "alpha"; Keras 3 to 0.2 under "negative_slope". */
function leakySlope(config: Json, fallback: number): number {
  const value = config.alpha ?? config.negative_slope;
  return typeof value === 'number' ? value : fallback;
}

export function readKerasTopology(topology: unknown): KerasReading {
  if (!isObject(topology)) throw new InteropError('the Keras model JSON is not an object');
  const className = String(topology.class_name ?? '');
  if (className !== 'Sequential') {
    throw new InteropError(`only Keras Sequential models can be imported; this one is "${className || 'unknown'}"`);
  }
  const config = topology.config;
  const rawLayers: unknown = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(rawLayers)) throw new InteropError('the Keras model JSON has no list of layers');

  let inputs = isObject(config) ? widthOf(config.build_input_shape) : undefined;
  const layers: LayerSpec[] = [];
  const dense: KerasReading['dense'] = [];
  const warnings: string[] = [];
  const unsupported: string[] = [];
  const addActivation = (name: string, layerName: string, kind: string, alpha?: number): void => {
    const ours = ACTIVATIONS[name];
    if (!ours) {
      unsupported.push(`layer "${layerName}" (${kind}) uses activation "${name}", which is not supported`);
      return;
    }
    const spec: LayerSpec = { type: 'activation', activation: ours };
    if (ours === 'leakyRelu') spec.alpha = alpha ?? 0.2;
    layers.push(spec);
  };

  for (const raw of rawLayers) {
    const kind = isObject(raw) ? String(raw.class_name ?? 'unknown') : 'unknown';
    const layerConfig: Json = isObject(raw) && isObject(raw.config) ? raw.config : {};
    const name = String(layerConfig.name ?? kind);
    inputs ??= declaredInputs(layerConfig);
    switch (kind) {
      case 'InputLayer':
        break;
      case 'Dense': {
        const units = layerConfig.units;
        if (typeof units !== 'number' || !Number.isInteger(units) || units < 1) {
          unsupported.push(`layer "${name}" (Dense) has no valid "units"`);
          break;
        }
        layers.push({ type: 'dense', units });
        dense.push({ name, useBias: layerConfig.use_bias !== false });
        const activation = activationName(layerConfig.activation);
        if (activation !== 'linear') addActivation(activation, name, kind, undefined);
        break;
      }
      case 'Activation':
        addActivation(activationName(layerConfig.activation), name, kind);
        break;
      case 'LeakyReLU':
        layers.push({ type: 'activation', activation: 'leakyRelu', alpha: leakySlope(layerConfig, 'negative_slope' in layerConfig ? 0.2 : 0.3) });
        break;
      case 'ReLU': {
        const slope = typeof layerConfig.negative_slope === 'number' ? layerConfig.negative_slope : 0;
        if (typeof layerConfig.max_value === 'number' || (typeof layerConfig.threshold === 'number' && layerConfig.threshold !== 0)) {
          unsupported.push(`layer "${name}" (ReLU) has a max_value or threshold, which is not supported`);
        } else if (slope !== 0) {
          layers.push({ type: 'activation', activation: 'leakyRelu', alpha: slope });
        } else {
          layers.push({ type: 'activation', activation: 'relu' });
        }
        break;
      }
      case 'Softmax':
        layers.push({ type: 'activation', activation: 'softmax' });
        break;
      case 'Dropout':
        warnings.push(`layer "${name}" (Dropout) was left out: it does nothing at prediction time`);
        break;
      default:
        unsupported.push(`layer "${name}" (${kind}) is not supported`);
    }
  }
  if (unsupported.length > 0) {
    throw new InteropError(`${unsupported.join('; ')}. NN Designer imports ${SUPPORTED} layers`);
  }
  if (inputs === undefined) throw new InteropError('the Keras model JSON does not say how many inputs the network takes (no batch_input_shape)');
  return { inputs, layers, dense, warnings };
}
