import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { editYaml as editInPlace, type Change } from '../../src/sheet/editYaml.js';

function editYaml(source: string, changes: Change[]): string {
  const document = parseDocument(source);
  const { text } = editInPlace({ source, document, value: document.toJS() }, changes, (edited) => ({ value: parseDocument(edited).toJS() }));
  // The document read stays as it was read.
  expect(document.toString()).toBe(parseDocument(source).toString());
  return text;
}

const FILE = `# yaml-language-server: $schema=../../schema/2020.json
authority:
  name: Knowsley Metropolitan Borough Council   # as it signs
  type: metropolitan-borough     # county | district

recipient:
  title: Mr
  surname: 'Harden'
  role: Chief Executive
statistics:
  investigations: 12   # checked
  upheld: 9
  satisfactory_remedies: 3
  compliance: { outcomes: 4, complied: 4 }
# the end
`;

describe('editYaml', () => {
  it('replaces values in place, keeping comments, their spacing, blank lines and quoting', () => {
    const edited = editYaml(FILE, [
      { path: ['statistics', 'investigations'], value: 13 },
      { path: ['statistics', 'compliance', 'complied'], value: 3 },
      { path: ['recipient', 'surname'], value: "O'Neill" },
      { path: ['authority', 'name'], value: 'Knowsley Council' },
    ]);
    expect(edited).toBe(
      FILE.replace('investigations: 12   # checked', 'investigations: 13   # checked')
        .replace('complied: 4 }', 'complied: 3 }')
        .replace("surname: 'Harden'", "surname: 'O''Neill'")
        .replace('name: Knowsley Metropolitan Borough Council   # as it signs', 'name: Knowsley Council   # as it signs'),
    );
  });

  it('adds keys below the last of their map, and a new part at the end', () => {
    const edited = editYaml(FILE, [
      { path: ['statistics', 'upheld_rate'], value: 75 },
      { path: ['authority', 'shared_with'], value: 'the Mayor' },
      { path: ['training', 'courses'], value: 2 },
      { path: ['training', 'kind'], value: 'online complaint handling' },
    ]);
    expect(edited).toBe(
      FILE.replace('  type: metropolitan-borough     # county | district\n', '  type: metropolitan-borough     # county | district\n  shared_with: the Mayor\n')
        .replace('  compliance: { outcomes: 4, complied: 4 }\n', '  compliance: { outcomes: 4, complied: 4 }\n  upheld_rate: 75\ntraining:\n  courses: 2\n  kind: online complaint handling\n'),
    );
  });

  it('removes a key or a whole part with its lines, and nothing else', () => {
    expect(editYaml(FILE, [{ path: ['recipient', 'title'] }])).toBe(FILE.replace('  title: Mr\n', ''));
    expect(editYaml(FILE, [{ path: ['statistics'] }])).toBe(FILE.replace(/statistics:\n(  .*\n)+/, ''));
    expect(editYaml(FILE, [{ path: ['delay'] }, { path: ['statistics', 'upheld_rate'] }])).toBe(FILE);
  });

  it('writes a key added to a { … } map through the Document API, values intact', () => {
    const edited = editYaml(FILE, [{ path: ['statistics', 'compliance', 'extra'], value: 1 }]);
    expect(edited).toContain('compliance: { outcomes: 4, complied: 4, extra: 1 }');
    expect(edited).toContain('# the end');
  });
});
