import type { CSSProperties } from 'react';
import type { Widget, WidgetResult } from '../model/dashboard-types';
import { gridArea, type MoveDirection } from '../model/grid-layout';
import { WidgetContent } from './WidgetContent';

interface Props {
  widget: Widget;
  result: WidgetResult | undefined;
  liveValue: number | undefined;
  currency: string | undefined;
  timeZone: string;
  editing: boolean;
  onEdit: () => void;
  onMove: (direction: MoveDirection) => void;
  onResize: (columns: number, rows: number) => void;
  onDelete: () => void;
}

const MOVES: { direction: MoveDirection; symbol: string }[] = [
  { direction: 'left', symbol: '←' },
  { direction: 'up', symbol: '↑' },
  { direction: 'down', symbol: '↓' },
  { direction: 'right', symbol: '→' },
];

/** One widget on the 12-column grid; in edit mode, buttons edit, move, resize and delete it. */
export function WidgetCard({ widget, result, liveValue, currency, timeZone, editing, onEdit, onMove, onResize, onDelete }: Props) {
  const style: CSSProperties = gridArea(widget.position);
  const titleId = `widget-title-${widget.id}`;
  return (
    <section
      className={`widget widget-${widget.type}`}
      style={style}
      aria-labelledby={titleId}
      data-widget-id={widget.id}
      data-widget-type={widget.type}
    >
      <header>
        <h2 id={titleId}>{widget.title}</h2>
        {widget.type === 'live_counter' && <span className="live-dot" title="Updated live" />}
      </header>
      <div className="widget-body">
        <WidgetContent widget={widget} result={result} liveValue={liveValue} currency={currency} timeZone={timeZone} />
      </div>
      {editing && (
        <div className="widget-tools" role="group" aria-label={`Arrange ${widget.title}`}>
          <button type="button" onClick={onEdit}>
            Edit
          </button>
          {MOVES.map((move) => (
            <button
              key={move.direction}
              type="button"
              className="icon"
              aria-label={`Move ${move.direction}`}
              onClick={() => onMove(move.direction)}
            >
              {move.symbol}
            </button>
          ))}
          <button type="button" className="icon" aria-label="Narrower" onClick={() => onResize(-1, 0)}>
            −
          </button>
          <button type="button" className="icon" aria-label="Wider" onClick={() => onResize(1, 0)}>
            +
          </button>
          <button type="button" className="danger" onClick={onDelete}>
            Delete
          </button>
        </div>
      )}
    </section>
  );
}
