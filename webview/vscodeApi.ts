// The one place the webview talks to the host, plus its UI-only state
// (zoom, toggles, selection) kept by VS Code across reloads.
import type { HostToWebview, WebviewToHost } from '../src/protocol/webview';
import type { Convention } from './viewmodel/equation';
import type { Normalisation } from './viewmodel/scales';
import type { TrainingUiState } from './training/controller';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface UiState extends TrainingUiState {
  normalisation: Normalisation;
  convention: Convention;
  selectedDense: number | undefined;
  expanded: number[];
  zoom: { k: number; x: number; y: number } | undefined;
}

const DEFAULT_UI: UiState = {
  normalisation: 'symmetric', convention: 'column', selectedDense: undefined, expanded: [], zoom: undefined,
  trainingMode: 'weights', sweepSpeed: 5, boundaryTab: 'map', boundaryResolution: 32,
};

const api = acquireVsCodeApi();

export function post(message: WebviewToHost): void {
  api.postMessage(message);
}

export function loadUiState(): UiState {
  const saved = api.getState();
  return saved && typeof saved === 'object' ? { ...DEFAULT_UI, ...(saved as Partial<UiState>) } : { ...DEFAULT_UI };
}

export function saveUiState(state: UiState): void {
  api.setState(state);
}

export function onHostMessage(handler: (message: HostToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string') {
      handler(data as HostToWebview);
    }
  });
}
