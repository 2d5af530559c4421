import * as pdfkitModule from 'pdfkit';
import * as svgToPdfModule from 'svg-to-pdfkit';

/**
 * pdfkit and svg-to-pdfkit are CommonJS modules whose export is a function. What a default import of such a
 * module compiles to depends on the compiler's interop setting (tsc with `esModuleInterop` in the apps and
 * tests, swc without it in `tools/bench`), so the function is taken from whichever shape arrives.
 */
function moduleFunction<T>(module: unknown): T {
  return (typeof module === 'function' ? module : (module as { default: T }).default) as T;
}

export const PDFDocument = moduleFunction<typeof import('pdfkit')>(pdfkitModule);
export const SVGtoPDF = moduleFunction<typeof import('svg-to-pdfkit')>(svgToPdfModule);
