// Messages between the extension host and the designer webview.
// Both sides import this module and nothing else crosses the boundary.
// Every message from the webview is checked by `parseWebviewMessage` where it
// enters the host; anything that does not match is logged and dropped.

import type { ActivationName, InitName, LossName, ModelError, NnModel, OptimizerSpec } from '../model/types';
import type { LayerSnapshot, TrainingSnapshot, TrainingView } from './training';
import type { EpochSeries } from './worker';

/** The document as the webview needs it. */
export interface DocumentState {
  /** The parsed model with every weight present (missing ones filled from the seed), or undefined when the text is invalid. */
  model: NnModel | undefined;
  /** Problems that stop the model from loading; shown in place of the diagram. */
  errors: ModelError[];
  /** The titles of the quick fixes offered for each error, in the order of `errors`; absent or empty when none applies. */
  fixes?: string[][];
  /** Increases with every change of the text, so stale edits can be refused. */
  version: number;
  readOnly: boolean;
  fileName: string;
}

/** An edit the user made in the designer. The host turns each one into a single WorkspaceEdit. */
export type DesignerEdit =
  | { kind: 'addLayer'; /** index in the Dense-layer list before which a hidden layer is inserted */ before: number; units: number; activation: ActivationName }
  | { kind: 'removeLayer'; /** index in the Dense-layer list */ dense: number }
  | { kind: 'setUnits'; dense: number; units: number }
  | { kind: 'setActivation'; dense: number; activation: ActivationName }
  | { kind: 'setLoss'; loss: LossName }
  | { kind: 'setOptimizer'; optimizer: OptimizerSpec }
  | { kind: 'setTraining'; field: 'epochs' | 'batchSize' | 'seed'; value: number }
  | { kind: 'setInit'; dense: number; init: InitName }
  | { kind: 'setWeight'; dense: number; neuron: number; input: number; value: number }
  | { kind: 'setBias'; dense: number; neuron: number; value: number }
  | { kind: 'collapseLinear'; /** first and last Dense-layer index of the run to merge */ from: number; to: number };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'edit'; edit: DesignerEdit; /** the DocumentState.version the edit was made against */ version: number }
  | { type: 'openAsText' }
  /** Show this range of the text in a text editor beside the designer (an error in the error panel). */
  | { type: 'revealText'; offset: number; length: number }
  /** Apply quick fix `fix` of error `error` of the state at `version`, as one WorkspaceEdit. */
  | { type: 'quickFix'; error: number; fix: number; version: number }
  | { type: 'exportDiagram'; format: 'svg' | 'png'; /** SVG markup, or a PNG data URL */ data: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'training'; command: TrainingCommand }
  /** Ask for the kept snapshot of an epoch (the timeline scrubber); answered by `trainingSnapshot` with `scrubbed: true`. */
  | { type: 'scrubTo'; epoch: number }
  /** Decision-boundary grid resolution (samples per axis), computed by the worker. */
  | { type: 'boundaryResolution'; resolution: number }
  /** Neurons the diagram draws per column (the first ones), input column first; large layers are sampled to this block. */
  | { type: 'visibleNeurons'; columns: number[] }
  /** Ask for a Dense layer's full matrices at an epoch; answered by `layerDetail`. */
  | { type: 'layerDetail'; dense: number; epoch: number };

/** The training controls, from the webview, the editor title bar or the command palette. */
export type TrainingCommand = 'train' | 'pause' | 'resume' | 'stepEpoch' | 'stepBatch' | 'stop' | 'reset' | 'apply' | 'discard';

export type HostToWebview =
  | { type: 'state'; state: DocumentState }
  | { type: 'theme'; kind: 'light' | 'dark' | 'highContrast' | 'highContrastLight' }
  | { type: 'requestExport'; format: 'svg' | 'png' }
  /** The whole session, on `ready` and whenever its status changes. Absent view: no session for this document. */
  | { type: 'training'; view: TrainingView | undefined }
  /** One epoch (or batch) of a running session, throttled; or a kept epoch the user scrubbed to. */
  /**
   * A live or scrubbed snapshot. Live ones carry the chart numbers of every epoch
   * since the last message, since snapshots are throttled and epochs run faster.
   */
  | { type: 'trainingSnapshot'; snapshot: TrainingSnapshot; scrubbed?: boolean; series?: EpochSeries }
  /** The answer to `scrubTo` when the worker no longer keeps that epoch, with the epochs it does keep. */
  | { type: 'scrubMissed'; epoch: number; timeline: number[] }
  /** The whole layer asked for by `layerDetail`; no layer when that epoch is no longer kept. */
  | { type: 'layerDetail'; dense: number; epoch: number; layer?: LayerSnapshot };

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
