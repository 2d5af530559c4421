// svg-to-pdfkit ships without types: the one function the PDF writer calls.
declare module 'svg-to-pdfkit' {
  interface SvgToPdfOptions {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    assumePt?: boolean;
    fontCallback?: (family: string, bold: boolean, italic: boolean, fontOptions: Record<string, unknown>) => string;
    warningCallback?: (warning: string) => void;
  }
  function SVGtoPDF(document: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions): void;
  // A namespace merged with the function, so that the module may also be imported as a namespace.
  namespace SVGtoPDF {
    type Options = SvgToPdfOptions;
  }
  export = SVGtoPDF;
}
