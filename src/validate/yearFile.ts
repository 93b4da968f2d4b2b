import { readYamlFile } from '../load/yamlFile.js';
import { yearSchema, type YearConfig } from './schema.js';
import { checkSchema, type Checked } from './schemaProblems.js';

/** Reads and checks a year's `year.yaml`, with the same messages as data files. */
export async function readYearFile(file: string): Promise<Checked<YearConfig>> {
  return checkSchema(await readYamlFile(file), yearSchema);
}
