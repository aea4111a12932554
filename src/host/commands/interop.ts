// "NN Designer: Export Network…" and "NN Designer: Import Network…": the
// interop formats of src/export, with files read and written through
// workspace.fs so they also work on remote and virtual file systems.

import * as vscode from 'vscode';
import { EXPORT_FORMATS, exportNetwork, FORMAT_EXTENSIONS, importNetwork, type ExportFormat } from '../../export';
import { withInitializedWeights } from '../../model/network';
import { loadModel } from '../../model/parse';
import { serializeModel } from '../../model/serialize';
import type { NnjsonEditorProvider } from '../designerEditor';
import { fileName } from '../designerSession';
import { log } from '../log';
import { targetText, targetUri } from './target';

const FORMAT_LABELS: Record<ExportFormat, { label: string; detail: string }> = {
  onnx: { label: 'ONNX', detail: 'A .onnx model (Dense as Gemm) for onnxruntime and other ONNX runtimes' },
  tfjs: { label: 'TensorFlow.js', detail: 'A LayersModel: model.json plus a binary weights shard' },
  pytorch: { label: 'PyTorch training script', detail: 'An nn.Module with the weights, loss, optimizer and data loader; runs under torchrun' },
  numpy: { label: 'NumPy (the paper\u2019s code)', detail: 'The paper\u2019s Layer / Dense / Activation classes with these weights filled in' },
};

/** Arguments the tests (and keybindings) may pass to skip the pickers. */
export interface ExportArgs {
  format?: ExportFormat;
  target?: vscode.Uri;
}

export interface ImportArgs {
  source?: vscode.Uri;
  target?: vscode.Uri;
}

/** Writes a file through a sibling temporary file and a rename, so a failed write leaves no half file. */
async function writeAtomic(uri: vscode.Uri, bytes: Uint8Array): Promise<void> {
  const tmp = uri.with({ path: `${uri.path}.${Date.now()}.tmp` });
  try {
    await vscode.workspace.fs.writeFile(tmp, bytes);
    await vscode.workspace.fs.rename(tmp, uri, { overwrite: true });
  } catch (error) {
    await Promise.resolve(vscode.workspace.fs.delete(tmp)).catch(() => undefined);
    throw error;
  }
}

function folderOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

function baseNameOf(uri: vscode.Uri): string {
  return fileName(uri).replace(/\.[^.]+$/, '');
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    EXPORT_FORMATS.map((format) => ({ ...FORMAT_LABELS[format], format })),
    { title: 'Export Network', placeHolder: 'Choose a format' },
  );
  return picked?.format;
}

/** Exports the target network; returns the files written. */
export async function exportNetworkCommand(provider: NnjsonEditorProvider, arg?: unknown, args: ExportArgs = {}): Promise<vscode.Uri[] | undefined> {
  const uri = await targetUri(provider, arg);
  if (!uri) return undefined;
  const loaded = loadModel(await targetText(uri));
  if (!loaded.ok) {
    const first = loaded.errors[0];
    throw new Error(`${fileName(uri)} cannot be exported until its ${loaded.errors.length} problem(s) are fixed. First: ${first.message}`);
  }
  const format = args.format ?? (await pickFormat());
  if (!format) return undefined;
  const target =
    args.target ??
    (await vscode.window.showSaveDialog({
      title: `Export ${fileName(uri)} as ${FORMAT_LABELS[format].label}`,
      defaultUri: vscode.Uri.joinPath(folderOf(uri), baseNameOf(uri) + FORMAT_EXTENSIONS[format]),
      filters: { [FORMAT_LABELS[format].label]: [FORMAT_EXTENSIONS[format].slice(1)] },
    }));
  if (!target) return undefined;

  const source = folderOf(uri);
  const result = await exportNetwork(withInitializedWeights(loaded.model), format, {
    baseName: baseNameOf(target),
    readData: async (relative) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(source, relative))),
  });
  const folder = folderOf(target);
  const written: vscode.Uri[] = [];
  for (const file of result.files) {
    const out = vscode.Uri.joinPath(folder, file.name);
    await writeAtomic(out, file.bytes);
    written.push(out);
  }
  log().info(`exported ${fileName(uri)} as ${format}: ${written.map((w) => fileName(w)).join(', ')}`);
  if (!args.target) {
    void vscode.window.showInformationMessage(`Exported ${fileName(uri)} to ${written.map((w) => fileName(w)).join(' and ')}.`, 'Open').then(async (choice) => {
      if (choice) await vscode.commands.executeCommand('vscode.open', written[0]);
    });
  }
  return written;
}

/** Imports a Keras JSON, TF.js model.json or ONNX model as a new .nnjson file and opens it in the designer. */
export async function importNetworkCommand(args: ImportArgs = {}): Promise<vscode.Uri | undefined> {
  const source =
    args.source ??
    (
      await vscode.window.showOpenDialog({
        title: 'Import Network',
        canSelectMany: false,
        openLabel: 'Import',
        filters: { 'Keras JSON, TF.js model.json, ONNX': ['json', 'onnx'] },
      })
    )?.[0];
  if (!source) return undefined;
  const folder = folderOf(source);
  const bytes = await vscode.workspace.fs.readFile(source);
  const result = await importNetwork(fileName(source), bytes, {
    readSibling: async (name) => {
      try {
        return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name));
      } catch {
        return undefined;
      }
    },
  });
  if (!result.ok) {
    throw new Error(`${fileName(source)} cannot be imported: ${result.errors.join(' ')}`);
  }
  for (const warning of result.warnings) log().warn(`import ${fileName(source)}: ${warning}`);
  const target =
    args.target ??
    (await vscode.window.showSaveDialog({
      title: `Save the imported network`,
      defaultUri: vscode.Uri.joinPath(folder, `${baseNameOf(source)}.nnjson`),
      filters: { 'NN Designer network': ['nnjson'] },
    }));
  if (!target) return undefined;
  await writeAtomic(target, new TextEncoder().encode(serializeModel(result.model)));
  if (result.warnings.length > 0 && !args.target) {
    void vscode.window.showWarningMessage(`Imported ${fileName(source)} with ${result.warnings.length} note(s): ${result.warnings.join(' ')}`);
  }
  await vscode.commands.executeCommand('vscode.openWith', target, 'nnDesigner.editor');
  return target;
}
