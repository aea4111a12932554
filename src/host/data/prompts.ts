// The questions "Choose Training Data…" asks, behind one interface: QuickPicks
// for the user, or answers given up front by the end-to-end tests.

import * as vscode from 'vscode';
import { describeColumn, SHOWN_VALUES, type ColumnProfile, type FilePreview } from './columns';
import { describeFit, type OutputSetup, type TaskFit } from './taskFit';

export interface DataPrompts {
  pickFile(files: readonly vscode.Uri[]): Promise<vscode.Uri | undefined>;
  pickInputs(preview: FilePreview, fileLabel: string): Promise<string[] | undefined>;
  pickTargets(preview: FilePreview, inputs: readonly string[], fileLabel: string): Promise<string[] | undefined>;
  /** Whether a numeric column of a few whole values holds classes; undefined when dismissed. */
  askCategorical(column: ColumnProfile): Promise<boolean | undefined>;
  /** Whether to resize the network to the data; `problem` says what does not fit. */
  confirmResize(problem: string, inputs: number, outputs: number): Promise<boolean>;
  /** Whether to set the output activation, the loss and the task the data calls for. */
  confirmTask(fit: TaskFit, current: OutputSetup): Promise<boolean>;
}

const TITLE = 'NN Designer: Choose Training Data';

const TASK_WORDS: Record<OutputSetup['task'], string> = { binary: 'two classes', multiclass: 'several classes', regression: 'numbers (regression)' };

interface ColumnItem extends vscode.QuickPickItem {
  column: string;
}

function columnItem(column: ColumnProfile, picked: boolean): ColumnItem {
  const more = column.values.length > SHOWN_VALUES ? ', …' : '';
  return { label: column.name, description: describeColumn(column), detail: `${column.values.slice(0, SHOWN_VALUES).join(', ')}${more}`, picked, column: column.name };
}

async function pickColumns(items: ColumnItem[], title: string, placeHolder: string): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title, placeHolder, matchOnDescription: true, ignoreFocusOut: true });
  return picked?.map((item) => item.column);
}

export const quickPickPrompts: DataPrompts = {
  async pickFile(files) {
    const items = files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri, true), uri }));
    const picked = await vscode.window.showQuickPick(items, {
      title: `${TITLE} (1/3)`, placeHolder: 'A CSV or JSON file in the workspace, with a header row or named fields', matchOnDescription: true, ignoreFocusOut: true,
    });
    return picked?.uri;
  },

  pickInputs(preview, fileLabel) {
    const last = preview.columns[preview.columns.length - 1]?.name;
    const items = preview.columns.map((c) => columnItem(c, c.numeric && c.name !== last));
    return pickColumns(items, `${TITLE} (2/3): input columns of ${fileLabel}`, `First values of ${preview.rows} previewed rows; inputs must be numeric`);
  },

  pickTargets(preview, inputs, fileLabel) {
    const rest = preview.columns.filter((c) => !inputs.includes(c.name));
    const last = rest[rest.length - 1]?.name;
    const items = rest.map((c) => columnItem(c, c.name === last));
    return pickColumns(items, `${TITLE} (3/3): target columns of ${fileLabel}`, 'One column of class labels, or numeric columns to predict');
  },

  async askCategorical(column) {
    const classes = { label: `Classes: one output per value (${column.distinct.join(', ')})`, value: true };
    const numbers = { label: 'Numbers: predict the value itself', value: false };
    const picked = await vscode.window.showQuickPick([classes, numbers], { title: `${TITLE}: what does "${column.name}" hold?`, ignoreFocusOut: true });
    return picked?.value;
  },

  async confirmResize(problem, inputs, outputs) {
    const resize = `Resize to ${inputs} → ${outputs}`;
    const answer = await vscode.window.showWarningMessage(
      `The chosen data does not fit the network: ${problem}.`,
      { modal: true, detail: `Resizing changes the number of inputs and the units of the output layer; weights that still fit are kept.` },
      resize,
    );
    return answer === resize;
  },

  async confirmTask(fit, current) {
    const change = fit.task === 'regression' ? 'Set Up for Regression' : `Set Up for ${fit.classes ?? 'These'} Classes`;
    const data = fit.task === 'regression' ? 'holds numbers to predict' : `has ${fit.classes ?? 'several'} classes`;
    const setup = `${current.activation} output, ${current.loss} loss`;
    const but = current.task === fit.task ? `its output (${setup}) does not suit them` : `the network is set up for ${TASK_WORDS[current.task]} (${setup})`;
    const answer = await vscode.window.showInformationMessage(
      `The chosen data ${data}, but ${but}.`,
      { modal: true, detail: `"${change}" uses ${describeFit(fit)} and sets the task to ${fit.task}, so training reports ${fit.task === 'regression' ? 'MAE and R²' : 'accuracy and a confusion matrix'}. Cancel keeps the network's output as it is.` },
      change,
    );
    return answer === change;
  },
};

/** Answers for one run of the command, as the end-to-end tests give them. */
export interface ScriptedAnswers {
  /** Workspace-relative path of the data file. */
  file: string;
  inputs: string[];
  targets: string[];
  categorical?: boolean;
  resize?: boolean;
  /** Accept the output activation, loss and task the data calls for. */
  fitTask?: boolean;
}

export function scriptedPrompts(answers: ScriptedAnswers): DataPrompts {
  return {
    pickFile: (files) => Promise.resolve(files.find((f) => vscode.workspace.asRelativePath(f, false) === answers.file)),
    pickInputs: () => Promise.resolve(answers.inputs),
    pickTargets: () => Promise.resolve(answers.targets),
    askCategorical: () => Promise.resolve(answers.categorical),
    confirmResize: () => Promise.resolve(answers.resize ?? false),
    confirmTask: () => Promise.resolve(answers.fitTask ?? false),
  };
}
