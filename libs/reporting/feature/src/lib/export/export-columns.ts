import type { ExportDataset } from '@pulse/storage';

/** How a cell is written: text is quoted (and neutralised in CSV), numbers and JSON are PostgreSQL's own text. */
export type ExportCellKind = 'text' | 'number' | 'json';

export interface ExportColumn {
  name: string;
  kind: ExportCellKind;
}

const text = (name: string): ExportColumn => ({ name, kind: 'text' });
const number = (name: string): ExportColumn => ({ name, kind: 'number' });
const json = (name: string): ExportColumn => ({ name, kind: 'json' });

/** Each dataset's columns in file order; the names are the keys of the rows the page queries return. */
export const EXPORT_COLUMNS: Readonly<Record<ExportDataset, readonly ExportColumn[]>> = {
  events: [
    text('event_id'),
    text('type'),
    text('category'),
    text('occurred_at'),
    text('received_at'),
    text('user_id'),
    text('anonymous_id'),
    text('session_id'),
    json('properties'),
    json('context'),
  ],
  daily_metrics: [text('day'), text('event_type'), json('dimensions'), number('event_count'), number('unique_users')],
  conversations: [
    text('conversation_id'),
    text('status'),
    text('started_at'),
    text('start_date'),
    text('last_event_at'),
    text('outcome_at'),
    text('outcome_date'),
    text('user_key'),
    text('channel'),
    number('message_count'),
  ],
};
