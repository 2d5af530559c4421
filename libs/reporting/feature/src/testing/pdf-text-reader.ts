import { execFile } from 'node:child_process';

// pdf-parse (pdf.js) starts its worker with a dynamic import, which jest's module sandbox refuses: it runs
// in a plain Node process instead, the PDF on stdin and its text as JSON on stdout.
const EXTRACT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const text = await parser.getText();
  const info = await parser.getInfo();
  await parser.destroy();
  process.stdout.write(JSON.stringify({ text: text.text, pages: text.pages.map((page) => page.text), info: info.info ?? {} }));
});
`;

/** The text pdf-parse extracts from a PDF, page by page, and the document's info dictionary. */
export function readPdf(file: Buffer): Promise<{ text: string; pages: string[]; info: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', EXTRACT], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdf-parse failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout));
    });
    child.stdin?.end(file);
  });
}
