// The designer webview: says `ready`, then renders every `state` from the host.
// Edits are posted to the host and never applied here; the next state shows them.
import './styles.css';
import type { DesignerEdit, DocumentState, HostToWebview } from '../src/protocol/webview';
import { assertNever } from '../src/protocol/webview';
import { modelDigest } from '../src/protocol/digest';
import { loadUiState, onHostMessage, post, saveUiState, type UiState } from './vscodeApi';
import { Diagram } from './diagram';
import { renderLayerControls, renderTrainingControls } from './controls';
import { renderInspector } from './inspector';
import { renderErrorPanel } from './errorPanel';
import { ValueEditor } from './valueEditor';
import { diagramPng, diagramSvg } from './exportDiagram';
import { denseViews, totalParameters } from './viewmodel/network';
import { divergingScale, layerDomains, layerMaxAbs } from './viewmodel/scales';
import { readPalette, watchTheme } from './theme';
import { el } from './dom';
import { layerTitle } from './diagramNodes';
import { TrainingController } from './training/controller';

const app = document.getElementById('app') ?? document.body.appendChild(el('div', { attrs: { id: 'app' } }));
let ui: UiState = loadUiState();
let state: DocumentState | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

const header = el('header', { className: 'topbar' });
const body = el('div', { className: 'workspace' });
const centre = el('div', { className: 'centre' });
const diagramPane = el('main', { className: 'diagram-pane', attrs: { 'aria-label': 'Network diagram' } });
const sidebar = el('aside', { className: 'sidebar', attrs: { 'aria-label': 'Network settings and inspector' } });
const errorHost = el('div', { className: 'error-host' });
body.append(centre, sidebar);
app.append(header, body, errorHost);
const editor = new ValueEditor(app);

function updateUi(patch: Partial<UiState>, rerender = true): void {
  ui = { ...ui, ...patch };
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => saveUiState(ui), 200);
  if (rerender) render();
}

function send(edit: DesignerEdit): void {
  if (!state || state.readOnly) return;
  post({ type: 'edit', edit, version: state.version });
}

function editWeight(dense: number, neuron: number, input: number, at: { x: number; y: number }): void {
  const view = state?.model && denseViews(state.model)[dense];
  if (!view || state?.readOnly) return;
  editor.open(`w[${neuron}][${input}]`, view.weights[neuron]?.[input] ?? 0, at, (value) => send({ kind: 'setWeight', dense, neuron, input, value }));
}

function editBias(dense: number, neuron: number, at: { x: number; y: number }): void {
  const view = state?.model && denseViews(state.model)[dense];
  if (!view || state?.readOnly) return;
  editor.open(`b[${neuron}]`, view.bias[neuron] ?? 0, at, (value) => send({ kind: 'setBias', dense, neuron, value }));
}

const diagram = new Diagram(diagramPane, {
  selectLayer: (dense) => updateUi({ selectedDense: dense }),
  editWeight,
  editBias,
  expand: (column) => updateUi({ expanded: [...new Set([...ui.expanded, column])] }),
  collapse: (column) => updateUi({ expanded: ui.expanded.filter((c) => c !== column) }),
  setNormalisation: (normalisation) => updateUi({ normalisation }),
  zoomed: (zoom) => updateUi({ zoom }, false),
}, ui.zoom);

const training = new TrainingController(diagram, {
  post,
  saveUi: (patch) => updateUi(patch, false),
}, ui);
// Below the diagram, so the diagram stays first in the tab order and the centre of the view.
centre.append(diagramPane, training.bar);

function section(title: string, ...children: HTMLElement[]): HTMLElement {
  return el('section', { className: 'panel' }, el('h2', { className: 'panel-title', text: title }), ...children);
}

/** What the page shows, for the end-to-end tests to compare with the document (set once it is drawn). */
function markShown(shown: DocumentState): void {
  app.dataset.fileName = shown.fileName;
  app.dataset.docVersion = String(shown.version);
  app.dataset.modelDigest = shown.model ? modelDigest(shown.model) : 'invalid';
}

function render(): void {
  if (!state) return;
  const model = state.model;
  app.classList.toggle('invalid', model === undefined);
  app.classList.toggle('read-only', state.readOnly);
  if (!model) {
    editor.close(false);
    header.replaceChildren(el('span', { className: 'file-name', text: state.fileName }));
    const version = state.version;
    errorHost.replaceChildren(renderErrorPanel(state.fileName, state.errors, state.readOnly ? undefined : state.fixes, {
      openAsText: () => post({ type: 'openAsText' }),
      reveal: (error) => post({ type: 'revealText', offset: error.offset, length: error.length }),
      applyFix: (error, fix) => post({ type: 'quickFix', error, fix, version }),
    }));
    markShown(state);
    return;
  }
  errorHost.replaceChildren();
  const views = denseViews(model);
  const selected = ui.selectedDense !== undefined && ui.selectedDense < views.length ? ui.selectedDense : undefined;

  const badges: HTMLElement[] = [el('span', { className: 'badge', text: `${totalParameters(views).toLocaleString('en-US')} parameters` })];
  if (state.readOnly) badges.unshift(el('span', { className: 'badge warn', text: 'Read-only' }));
  header.replaceChildren(
    el('span', { className: 'file-name', text: model.name ?? state.fileName }),
    el('span', { className: 'arch', text: [model.inputs, ...views.map((v) => v.units)].join(' → ') }),
    ...badges,
  );

  diagram.render({ model, normalisation: ui.normalisation, selectedDense: selected, expanded: new Set(ui.expanded), readOnly: state.readOnly });
  training.setVisible(diagram.visibleCounts());

  const layers = section('Layers', renderLayerControls(views, selected, send, (dense) => updateUi({ selectedDense: dense })));
  const settings = section('Training settings', renderTrainingControls(model, send));
  if (state.readOnly) {
    // Inspecting stays possible; only the controls that edit are disabled.
    for (const control of [layers, settings].flatMap((p) => [...p.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('input, select, button')])) {
      if (!control.classList.contains('layer-name')) control.disabled = true;
    }
  }
  // The same live elements are re-inserted on every render, so charts and canvases keep their state.
  const panels: HTMLElement[] = [section('Training progress', training.progressPanel), section('Metrics', training.metricsPanel)];
  panels.push(training.showsBoundary() ? section('Decision boundary', training.boundaryPanel) : section('Training data', training.dataPanel));
  panels.push(layers, settings);
  training.setSelected(selected);
  if (selected !== undefined) {
    const palette = readPalette();
    const domains = layerDomains(views.map((v) => layerMaxAbs(v.weights, v.bias)), ui.normalisation);
    panels.push(section('Inspector', renderInspector({
      views, selected, convention: ui.convention, readOnly: state.readOnly,
      scale: divergingScale(domains[selected]!, palette),
      title: layerTitle(model, views, selected + 1),
      send,
      setConvention: (convention) => updateUi({ convention }),
      editWeight: (neuron, input, at) => editWeight(selected, neuron, input, at),
      editBias: (neuron, at) => editBias(selected, neuron, at),
    }), training.layerPanel));
  } else {
    panels.push(section('Inspector', el('p', { className: 'hint', text: 'Select a layer (click its header, or press Enter on it) to see W, b and its equation.' })));
  }
  sidebar.replaceChildren(...panels);
  markShown(state);
}

async function exportDiagram(format: 'svg' | 'png'): Promise<void> {
  // Links of a large layer beyond its sample are drawn once its full matrix arrives.
  await training.detailsDrawn();
  const svg = diagram.svgElement();
  const text = diagramSvg(svg, diagram.linkCanvas());
  if (format === 'svg') {
    post({ type: 'exportDiagram', format, data: text });
    return;
  }
  const box = svg.getBoundingClientRect();
  try {
    post({ type: 'exportDiagram', format, data: await diagramPng(text, box.width, box.height) });
  } catch (error) {
    post({ type: 'log', level: 'error', message: `PNG export failed: ${String(error)}` });
  }
}

onHostMessage((message: HostToWebview) => {
  switch (message.type) {
    case 'state':
      state = message.state;
      training.setDocument(message.state);
      render();
      break;
    case 'theme':
      render();
      training.refreshTheme();
      break;
    case 'training':
      training.onView(message.view);
      break;
    case 'trainingSnapshot':
      training.onSnapshot(message.snapshot, message.scrubbed === true, message.series);
      break;
    case 'scrubMissed':
      training.onScrubMissed(message.epoch, message.timeline);
      break;
    case 'layerDetail':
      training.onLayerDetail(message.dense, message.epoch, message.layer);
      break;
    case 'requestExport':
      void exportDiagram(message.format);
      break;
    default:
      assertNever(message);
  }
});

watchTheme(() => {
  render();
  training.refreshTheme();
});
window.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && editor.isOpen) editor.close();
});
post({ type: 'ready' });
