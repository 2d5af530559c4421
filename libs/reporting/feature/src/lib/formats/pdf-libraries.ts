import * as pdfkitModule from 'pdfkit';
// @ts-expect-error -- svg-to-pdfkit ships no types; `SvgToPdf` below declares the one function the PDF writer calls.
import * as svgToPdfModule from 'svg-to-pdfkit';

interface SvgToPdfOptions {
  width?: number;
  height?: number;
  preserveAspectRatio?: string;
  assumePt?: boolean;
  fontCallback?: (family: string, bold: boolean, italic: boolean, fontOptions: Record<string, unknown>) => string;
  warningCallback?: (warning: string) => void;
}

type SvgToPdf = (document: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions) => void;

/**
 * pdfkit and svg-to-pdfkit are CommonJS modules whose export is a function. What a default import of such a
 * module compiles to depends on the compiler's interop setting (tsc with `esModuleInterop` in the apps and
 * tests, swc without it in `tools/bench`), so the function is taken from whichever shape arrives.
 */
function moduleFunction<T>(module: unknown): T {
  return (typeof module === 'function' ? module : (module as { default: T }).default) as T;
}

export const PDFDocument = moduleFunction<typeof import('pdfkit')>(pdfkitModule);
export const SVGtoPDF = moduleFunction<SvgToPdf>(svgToPdfModule);
