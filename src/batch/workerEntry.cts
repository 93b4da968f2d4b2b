/**
 * The file each worker thread starts from. piscina loads a task file with
 * require() first, and on Node 20 a require() of an ES module can race the
 * import() of modules in the same thread and abort the whole process
 * ("v8::Module::IsGraphAsync must be used on an instantiated module"; seen
 * now and then in the batch tests). So piscina requires only this CommonJS
 * file, and the worker's ES modules are loaded with import() alone.
 */
const worker = import('./worker.js');

async function makeLetterInThread(task: Parameters<Awaited<typeof worker>['default']>[0]): ReturnType<Awaited<typeof worker>['default']> {
  return (await worker).default(task);
}

export = makeLetterInThread;
