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
