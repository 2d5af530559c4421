import type { DashboardWidgetRow } from './dashboard-widget.entity';

/** Where a widget sits on the dashboard's 12-column grid, in grid cells. */
export interface WidgetPosition {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a client defines; `query` and `options` are stored as the feature validated them for the type. */
export interface WidgetDefinition extends Pick<DashboardWidgetRow, 'type' | 'title' | 'refreshSeconds' | 'order'> {
  query: Record<string, unknown> | null;
  options: Record<string, unknown>;
  position: WidgetPosition;
}

export interface StoredWidget extends WidgetDefinition, Pick<DashboardWidgetRow, 'id' | 'dashboardId' | 'createdAt' | 'updatedAt'> {}
