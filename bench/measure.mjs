// Runs a Node program in this process, as `node <program> <args…>` would, and
// when it exits writes what it cost to the file named by BENCH_STATS: peak RSS
// (getrusage for the whole process, so worker threads included) and CPU time.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [program, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(program), ...args];
process.on('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(process.env.BENCH_STATS, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) }));
});
await import(pathToFileURL(resolve(program)).href);
