import { describe, expect, it, vi } from 'vitest';
import { createPdfPrinter } from '../../src/writers/pdf/index.js';
import { letterWith } from './documents.js';

// Laying out real PDFs takes a few hundred milliseconds each, more when other test files run beside.
vi.setConfig({ testTimeout: 60_000 });

/**
 * The shared faces (src/engine/sharedFace.ts) must belong to one document from its
 * first word to its last byte, so printers make documents one at a time,
 * whichever printer asks. pdfmake 0.3 happens to lay out a whole document
 * without yielding, so two documents made at once give the same bytes
 * today; this checks the order itself, so that a pdfmake that yields cannot
 * make one letter's bytes depend on another's.
 *
 * To see it fail: in printer.ts, call `pdfmake.createPdf(definition).getBuffer()`
 * directly instead of after `printing`.
 */
describe('printing', () => {
  it('makes one document at a time, in the order asked for, across printers', async () => {
    const [first, second] = await Promise.all([createPdfPrinter(), createPdfPrinter()]);
    const pdfmake = (await import('pdfmake')).default as unknown as { createPdf(definition: unknown): { getBuffer(): Promise<Buffer> } };
    const createPdf = pdfmake.createPdf.bind(pdfmake);
    const events: string[] = [];
    const spy = vi.spyOn(pdfmake, 'createPdf').mockImplementation((definition: unknown) => {
      const name = (definition as { info: { title: string } }).info.title.replace('Annual Review letter 2020 – ', '');
      events.push(`start ${name}`);
      const made = createPdf(definition);
      return {
        getBuffer: () =>
          made.getBuffer().then(
            (bytes) => (events.push(`end ${name}`), bytes),
            (error: unknown) => {
              events.push(`failed ${name}`);
              throw error;
            },
          ),
      };
    });
    try {
      const names = ['A Council', 'B Council', 'C Council', 'D Council'];
      const printed = await Promise.allSettled(names.map((name, index) => (index % 2 ? second : first).print(letterWith(name))));
      expect(printed.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect(events).toEqual(names.flatMap((name) => [`start ${name}`, `end ${name}`]));
    } finally {
      spy.mockRestore();
    }
  });
});
