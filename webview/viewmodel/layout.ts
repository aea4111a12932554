// Node positions for the diagram: the input column on the left, one column per
// Dense layer, the output on the right. Columns taller than `maxVisible` are
// summarised (their first neurons, then a "+N more" marker) unless expanded.

export interface LayoutOptions {
  /** Columns with more neurons than this are summarised. */
  maxVisible: number;
  /** Columns drawn in full even when tall. */
  expanded: ReadonlySet<number>;
}

export interface NodePosition {
  column: number;
  neuron: number;
  x: number;
  y: number;
}

export interface ColumnLayout {
  column: number;
  x: number;
  size: number;
  visible: number;
  /** Neurons not drawn; shown as "+N more". */
  hidden: number;
  nodes: NodePosition[];
  /** y of the "+N more" marker when hidden > 0. */
  moreY: number | undefined;
  /** An expanded column that would be summarised otherwise: it gets a "show fewer" marker below it. */
  foldable: boolean;
  /** Vertical extent of the drawn column, for the layer's hit area. */
  top: number;
  bottom: number;
}

export interface Layout {
  columns: ColumnLayout[];
  /** Distance between neighbouring neurons of a column. */
  pitch: number;
  radius: number;
  width: number;
  height: number;
}

export const COLUMN_GAP = 190;
export const MARGIN = { left: 70, right: 90, top: 84, bottom: 40 };
const MAX_PITCH = 52;
/** Expanded columns of hundreds of neurons shrink to this; zoom brings them back. */
const MIN_PITCH = 1.5;
const TARGET_HEIGHT = 480;

export function computeLayout(sizes: readonly number[], options: LayoutOptions): Layout {
  const visible = sizes.map((size, column) =>
    size > options.maxVisible && !options.expanded.has(column) ? options.maxVisible : size,
  );
  // A summarised column needs one more row for its marker.
  const rows = visible.map((v, column) => v + (v < sizes[column]! ? 1 : 0));
  const tallest = Math.max(1, ...rows);
  const pitch = Math.min(MAX_PITCH, Math.max(MIN_PITCH, TARGET_HEIGHT / tallest));
  const radius = Math.min(13, Math.max(pitch * 0.3, Math.min(2.5, pitch * 0.45)));
  const contentHeight = tallest * pitch;

  const columns = sizes.map((size, column): ColumnLayout => {
    const x = MARGIN.left + column * COLUMN_GAP;
    const top = MARGIN.top + (contentHeight - rows[column]! * pitch) / 2;
    const nodes = Array.from({ length: visible[column]! }, (_, neuron) => ({
      column,
      neuron,
      x,
      y: top + (neuron + 0.5) * pitch,
    }));
    const hidden = size - visible[column]!;
    const moreY = hidden > 0 ? top + (visible[column]! + 0.5) * pitch : undefined;
    const foldable = size > options.maxVisible && options.expanded.has(column);
    return { column, x, size, visible: visible[column]!, hidden, nodes, moreY, foldable, top, bottom: top + rows[column]! * pitch };
  });

  return {
    columns,
    pitch,
    radius,
    width: MARGIN.left + Math.max(0, sizes.length - 1) * COLUMN_GAP + MARGIN.right,
    height: MARGIN.top + contentHeight + MARGIN.bottom,
  };
}

/** Links drawn between two neighbouring columns: one per pair of visible neurons. */
export function visibleLinkCount(layout: Layout): number {
  let count = 0;
  for (let k = 1; k < layout.columns.length; k++) {
    count += layout.columns[k - 1]!.visible * layout.columns[k]!.visible;
  }
  return count;
}
