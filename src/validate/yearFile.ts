import { readYamlFile } from '../load/yamlFile.js';
import { yearSchema, type YearConfig } from './schema.js';
import { checkSchema, type Checked } from './schemaProblems.js';

/** Reads and checks a year's `year.yaml`, with the same messages as data files. */
export function readYearFile(file: string): Checked<YearConfig> {
  return checkSchema(readYamlFile(file), yearSchema);
}
