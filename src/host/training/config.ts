// The `nnDesigner.training.*` settings (declared in package.json).

import * as vscode from 'vscode';
import { clampWorkerMemoryMb } from './memory';

export interface TrainingConfig {
  updatesPerSecond: number;
  keepRecentEpochs: number;
  keepEveryNth: number;
  applyOnSave: boolean;
  boundaryResolution: number;
  maxEpochsPerSecond: number;
  /** Megabytes: the desktop worker's heap limit, and the budget for the arrays a session keeps (see memory.ts). */
  workerMemoryMb: number;
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

export function trainingConfig(scope?: vscode.Uri): TrainingConfig {
  const c = vscode.workspace.getConfiguration('nnDesigner.training', scope);
  return {
    updatesPerSecond: positive(c.get<number>('updatesPerSecond'), 30),
    keepRecentEpochs: Math.floor(positive(c.get<number>('keepRecentEpochs'), 200)),
    keepEveryNth: Math.floor(positive(c.get<number>('keepEveryNth'), 10)),
    applyOnSave: c.get<boolean>('applyOnSave') === true,
    boundaryResolution: Math.floor(positive(c.get<number>('boundaryResolution'), 50)),
    maxEpochsPerSecond: Math.max(0, c.get<number>('maxEpochsPerSecond') ?? 60),
    workerMemoryMb: clampWorkerMemoryMb(c.get<unknown>('workerMemoryMb')),
  };
}
