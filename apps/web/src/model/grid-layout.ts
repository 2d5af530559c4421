import type { GridPosition } from './dashboard-types';

/** The dashboards contract's grid: 12 columns, rows of one unit, a widget 1–20 rows high. */
export const GRID_COLUMNS = 12;
export const MAX_ROWS_HIGH = 20;

export type MoveDirection = 'left' | 'right' | 'up' | 'down';

/** The position one step further in a direction, kept inside the grid (unchanged at an edge). */
export function movedPosition(position: GridPosition, direction: MoveDirection): GridPosition {
  switch (direction) {
    case 'left':
      return { ...position, x: Math.max(0, position.x - 1) };
    case 'right':
      return { ...position, x: Math.min(GRID_COLUMNS - position.w, position.x + 1) };
    case 'up':
      return { ...position, y: Math.max(0, position.y - 1) };
    case 'down':
      return { ...position, y: position.y + 1 };
  }
}

/** Wider or narrower by columns, taller or shorter by rows, kept inside the grid. */
export function resizedPosition(position: GridPosition, columns: number, rows: number): GridPosition {
  const w = clamp(position.w + columns, 1, GRID_COLUMNS - position.x);
  const h = clamp(position.h + rows, 1, MAX_ROWS_HIGH);
  return { ...position, w, h };
}

/** CSS grid placement of a widget (grid lines count from 1). */
export function gridArea(position: GridPosition): { gridColumn: string; gridRow: string } {
  return { gridColumn: `${position.x + 1} / span ${position.w}`, gridRow: `${position.y + 1} / span ${position.h}` };
}

/** Widgets in reading order (top to bottom, then left to right): the keyboard's tab order follows the picture. */
export function inReadingOrder<T extends { position: GridPosition }>(widgets: readonly T[]): T[] {
  return [...widgets].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function overlaps(a: GridPosition, b: GridPosition): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Puts one widget at a new position and pushes every widget it would cover further down (and those they
 * then cover, in turn), so that no two widgets overlap. Answers the positions that changed, by id.
 */
export function placeWidget<T extends { id: string; position: GridPosition }>(
  widgets: readonly T[],
  id: string,
  position: GridPosition,
): Map<string, GridPosition> {
  const placed = new Map<string, GridPosition>(widgets.map((widget) => [widget.id, widget.position]));
  placed.set(id, position);
  const settled = [id];
  // Top to bottom: each widget is pushed below whatever settled widget it overlaps.
  const others = inReadingOrder(widgets.filter((widget) => widget.id !== id));
  for (const widget of others) {
    let current = placed.get(widget.id) as GridPosition;
    for (let blocker = findBlocker(current, settled, placed); blocker; blocker = findBlocker(current, settled, placed)) {
      current = { ...current, y: blocker.y + blocker.h };
    }
    placed.set(widget.id, current);
    settled.push(widget.id);
  }
  const changed = new Map<string, GridPosition>();
  for (const widget of widgets) {
    const next = placed.get(widget.id) as GridPosition;
    if (widget.id === id || next.y !== widget.position.y) changed.set(widget.id, next);
  }
  return changed;
}

function findBlocker(position: GridPosition, settled: string[], placed: Map<string, GridPosition>): GridPosition | undefined {
  return settled.map((other) => placed.get(other) as GridPosition).find((other) => overlaps(position, other));
}
