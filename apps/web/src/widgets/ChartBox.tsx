import { useLayoutEffect, useRef, useState } from 'react';
import type { ChartSize } from './widget-charts';

/**
 * Draws a chart at the size of the box it fills (re-drawn when the box changes), so the SVG's units are
 * screen pixels. The charts library escapes every label, so its SVG string is inserted as is.
 */
export function ChartBox({ draw }: { draw: (size: ChartSize) => string }) {
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<ChartSize>();

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const measure = () => {
      const width = Math.floor(element.clientWidth);
      const height = Math.floor(element.clientHeight);
      setSize((current) => (current && current.width === width && current.height === height ? current : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const usable = size && size.width > 40 && size.height > 40;
  return <div ref={box} className="chart" dangerouslySetInnerHTML={usable ? { __html: draw(size) } : undefined} />;
}
