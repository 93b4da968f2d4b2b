import { readYamlFile, type YamlFile } from '../load/yamlFile.js';
import { yearSchema, type YearConfig } from './schema.js';
import { checkSchema, type Checked } from './schemaProblems.js';

/** Reads and checks a year's `year.yaml`, with the same messages as data files; the parsed file places later problems (its images'). */
export function readYearFile(file: string): Checked<YearConfig> & { yaml: YamlFile } {
  const yaml = readYamlFile(file);
  return { ...checkSchema(yaml, yearSchema), yaml };
}
