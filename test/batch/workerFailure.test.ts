import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPool } from '../../src/batch/pool.js';
import { createProgress } from '../../src/batch/progress.js';
import { runBatch } from '../../src/batch/runBatch.js';
import { loadProject } from '../../src/project.js';
import { filesUnder, readManifest, syntheticProject } from './support.js';

// A worker that throws on the letters whose slug starts with "doomed" (a bug,
// or a thread that died) and makes the others with the built worker.
const THROWING_WORKER = new URL('./fixtures/throwingWorker.cjs', import.meta.url);

describe('a worker that throws', () => {
  it('fails its letter with the error reported, and the other letters are all made', { timeout: 300_000 }, async () => {
    const dir = syntheticProject(9);
    const [model] = readdirSync(join(dir, 'data/2020'));
    writeFileSync(join(dir, 'data/2020/doomed-council.yaml'), readFileSync(join(dir, 'data/2020', model!), 'utf8').replace(/name: .*/, 'name: "Doomed Council"'));
    const project = await loadProject({ dataDir: join(dir, 'data'), templatesDir: join(dir, 'templates') });
    expect(project.problems).toEqual([]);
    const out = join(dir, 'out');

    const pool = startPool({ threads: 2, formats: ['text'], workerFile: THROWING_WORKER });
    try {
      const result = await runBatch({
        letters: project.letters,
        years: project.years,
        templatesDir: join(dir, 'templates'),
        outDir: out,
        formats: ['text'],
        force: false,
        pool,
        inFlight: 4,
        progress: await createProgress('none'),
        signal: new AbortController().signal,
      });
      expect(result).toMatchObject({ written: 9, failed: 1, notStarted: 0 });
      expect(result.failures).toEqual([
        { severity: 'error', file: join(dir, 'data/2020/doomed-council.yaml'), message: 'internal error while making this letter: simulated crash in the worker' },
      ]);
    } finally {
      await pool.destroy();
    }
    const written = filesUnder(out).filter((path) => path.endsWith('.txt'));
    expect(written).toHaveLength(9);
    expect(written.some((path) => path.includes('doomed'))).toBe(false);
    expect(Object.keys(readManifest(out, '2020').letters)).not.toContain('doomed-council');
  });
});
