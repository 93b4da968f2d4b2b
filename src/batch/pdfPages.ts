/**
 * The page count of a PDF made by pdfmake (pdfkit): the `/Count` of its
 * page tree. pdfkit writes uncompressed object dictionaries and one page
 * tree, so reading it from the bytes is exact and saves parsing the PDF.
 */
export function pdfPageCount(pdf: Uint8Array): number | undefined {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const match = /\/Type \/Pages\s*\/Count (\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
}
