import { readYamlFile, type YamlFile } from '../load/yamlFile.js';
import { SHAPES } from '../shapes/index.js';
import { yearSchema, type YearConfig } from './schema.js';
import { checkSchema, valueAt, type Checked } from './schemaProblems.js';

/** Reads and checks a year's `year.yaml`, with the same messages as data files; the parsed file places later problems (its images'). */
export function readYearFile(file: string): Checked<YearConfig> & { yaml: YamlFile } {
  const yaml = readYamlFile(file);
  return { ...checkYearFile(yaml), yaml };
}

/**
 * Checks a parsed year.yaml against the schema of the statistics shape it
 * names (the shape decides what averages may be typed); a name that is no
 * shape is reported at `data.statistics` with the shapes there are.
 */
export function checkYearFile(yaml: YamlFile): Checked<YearConfig> {
  const name = valueAt(yaml.value, ['data', 'statistics']);
  const shape = typeof name === 'string' && Object.hasOwn(SHAPES, name) ? SHAPES[name] : undefined;
  return checkSchema(yaml, yearSchema(shape)) as Checked<YearConfig>;
}
