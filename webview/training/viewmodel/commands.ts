// Which training controls apply in which session state. The host is the
// authority (it ignores a command that does not apply); this only keeps the
// toolbar honest about what a press will do.
import type { TrainingStatus } from '../../../src/protocol/training';
import type { TrainingCommand } from '../../../src/protocol/webview';

export interface CommandInfo {
  command: TrainingCommand;
  label: string;
  /** What a screen reader says, and the tooltip. */
  aria: string;
  /** A codicon-free glyph, so the toolbar needs no font. */
  glyph: string;
}

export const TRAINING_COMMANDS: readonly CommandInfo[] = [
  { command: 'train', label: 'Train', aria: 'Train the network', glyph: '▶' },
  { command: 'pause', label: 'Pause', aria: 'Pause training', glyph: '❚❚' },
  { command: 'resume', label: 'Resume', aria: 'Resume training', glyph: '▶' },
  { command: 'stepEpoch', label: 'Step epoch', aria: 'Train one epoch', glyph: '⇥' },
  { command: 'stepBatch', label: 'Step batch', aria: 'Train one batch', glyph: '→' },
  { command: 'stop', label: 'Stop', aria: 'Stop training', glyph: '■' },
  { command: 'reset', label: 'Reset', aria: 'Re-initialise the weights', glyph: '↺' },
  { command: 'apply', label: 'Apply', aria: 'Apply the trained weights to the document', glyph: '✓' },
  { command: 'discard', label: 'Discard', aria: 'Discard the trained weights', glyph: '✕' },
];

export interface CommandContext {
  /** Undefined when no session exists for the document. */
  status: TrainingStatus | undefined;
  /** Epochs the session has trained; Apply needs at least one. */
  epoch: number;
  hasModel: boolean;
  readOnly: boolean;
}

export function enabledCommands(ctx: CommandContext): Set<TrainingCommand> {
  const on = new Set<TrainingCommand>();
  if (!ctx.hasModel) return on;
  const trained = ctx.epoch > 0;
  switch (ctx.status) {
    case undefined:
    case 'idle':
      on.add('train').add('stepEpoch').add('stepBatch');
      if (ctx.status === 'idle') on.add('discard');
      break;
    case 'running':
      on.add('pause').add('stop');
      break;
    case 'paused':
      on.add('resume').add('stepEpoch').add('stepBatch').add('stop').add('reset').add('discard');
      if (trained) on.add('apply');
      break;
    case 'done':
    case 'stopped':
      on.add('reset').add('discard');
      if (trained) on.add('apply');
      break;
    case 'failed':
      on.add('reset').add('discard');
      break;
  }
  if (ctx.readOnly) on.delete('apply');
  return on;
}

export const STATUS_LABELS: Record<TrainingStatus, string> = {
  idle: 'Ready',
  running: 'Training',
  paused: 'Paused',
  done: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
};
