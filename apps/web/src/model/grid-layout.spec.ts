import { gridArea, inReadingOrder, movedPosition, placeWidget, resizedPosition } from './grid-layout';

describe('movedPosition', () => {
  const position = { x: 3, y: 2, w: 6, h: 4 };

  it('moves one column or row at a time', () => {
    expect(movedPosition(position, 'left')).toEqual({ x: 2, y: 2, w: 6, h: 4 });
    expect(movedPosition(position, 'right')).toEqual({ x: 4, y: 2, w: 6, h: 4 });
    expect(movedPosition(position, 'up')).toEqual({ x: 3, y: 1, w: 6, h: 4 });
    expect(movedPosition(position, 'down')).toEqual({ x: 3, y: 3, w: 6, h: 4 });
  });

  it('stays inside the 12 columns and above row 0', () => {
    expect(movedPosition({ x: 0, y: 0, w: 4, h: 2 }, 'left')).toEqual({ x: 0, y: 0, w: 4, h: 2 });
    expect(movedPosition({ x: 0, y: 0, w: 4, h: 2 }, 'up')).toEqual({ x: 0, y: 0, w: 4, h: 2 });
    expect(movedPosition({ x: 8, y: 0, w: 4, h: 2 }, 'right')).toEqual({ x: 8, y: 0, w: 4, h: 2 });
  });
});

describe('resizedPosition', () => {
  it('never grows past the right edge or below one cell', () => {
    expect(resizedPosition({ x: 6, y: 0, w: 6, h: 4 }, 1, 0)).toEqual({ x: 6, y: 0, w: 6, h: 4 });
    expect(resizedPosition({ x: 0, y: 0, w: 1, h: 1 }, -1, -1)).toEqual({ x: 0, y: 0, w: 1, h: 1 });
    expect(resizedPosition({ x: 0, y: 0, w: 6, h: 4 }, 2, 1)).toEqual({ x: 0, y: 0, w: 8, h: 5 });
  });
});

describe('gridArea', () => {
  it('places a widget on 1-based grid lines', () => {
    expect(gridArea({ x: 0, y: 4, w: 6, h: 3 })).toEqual({ gridColumn: '1 / span 6', gridRow: '5 / span 3' });
  });
});

describe('inReadingOrder', () => {
  it('sorts by row, then column', () => {
    const widgets = [
      { id: 'c', position: { x: 0, y: 4, w: 6, h: 4 } },
      { id: 'b', position: { x: 6, y: 0, w: 6, h: 4 } },
      { id: 'a', position: { x: 0, y: 0, w: 6, h: 4 } },
    ];
    expect(inReadingOrder(widgets).map((widget) => widget.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('placeWidget', () => {
  const widgets = [
    { id: 'a', position: { x: 0, y: 0, w: 3, h: 2 } },
    { id: 'b', position: { x: 3, y: 0, w: 3, h: 2 } },
    { id: 'c', position: { x: 0, y: 2, w: 6, h: 4 } },
  ];

  it('moves a widget into free space without touching the others', () => {
    expect(placeWidget(widgets, 'a', { x: 6, y: 0, w: 3, h: 2 })).toEqual(new Map([['a', { x: 6, y: 0, w: 3, h: 2 }]]));
  });

  it('pushes a covered widget below the moved one, and what that one then covers further down', () => {
    // a moves one column right onto b: b goes below a (y 2), then c goes below b (y 4).
    expect(placeWidget(widgets, 'a', { x: 1, y: 0, w: 3, h: 2 })).toEqual(
      new Map([
        ['a', { x: 1, y: 0, w: 3, h: 2 }],
        ['b', { x: 3, y: 2, w: 3, h: 2 }],
        ['c', { x: 0, y: 4, w: 6, h: 4 }],
      ]),
    );
  });

  it('pushes the widget below when one grows into it', () => {
    expect(placeWidget(widgets, 'a', { x: 0, y: 0, w: 3, h: 3 })).toEqual(
      new Map([
        ['a', { x: 0, y: 0, w: 3, h: 3 }],
        ['c', { x: 0, y: 3, w: 6, h: 4 }],
      ]),
    );
  });
});
