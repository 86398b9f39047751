import { describe, expect, it } from 'vitest';
import { callSheet } from '../../src/core/report/call-sheet';
import { callSheetMarkdown } from '../../src/render/call-sheet';
import { loadMini, miniManifest } from '../helpers/mini-bank';

const section = `title: Questions
questions:
  - id: source
    type: single
    prompt: Where does the idea come from?
    options:
      - { value: research, label: Research, signals: { open: 3 }, opens: [why] }
      - { value: competitor, label: A competitor, signals: { fixed: 1 }, opens: [why] }
  - id: why
    type: single
    prompt: Why?
    options:
      - { value: light-bulb, label: Reconsidered, signals: { open: 3 } }
      - { value: insists, label: Insists, signals: { fixed: 3 } }
  - id: owner
    type: yes-no
    prompt: Will they own the result?
    when: { question: source, equals: competitor }
    options:
      - { value: "yes", flags: [owns-it] }
      - { value: "no", flags: [blames-us] }
  - id: knowledge
    type: scale
    prompt: How well do they know their market?
    required: false
    scale: { min: 1, max: 5, minLabel: none, maxLabel: expert }
`;

describe('callSheet', () => {
  it('places a follow-up under the first answer that opens it, and points to it from the others', () => {
    const { bank, diagnostics } = loadMini({ manifest: miniManifest, section });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    if (bank === undefined) throw new Error('the bank did not load');
    const sheet = callSheet(bank, { toolVersion: '0.0.0', weights: false });
    const [source, owner, knowledge] = sheet.sections[0]?.questions ?? [];
    expect(source?.options.map((o) => o.followUps.map((q) => q.id))).toEqual([['why'], []]);
    expect(source?.options.map((o) => o.opens)).toEqual([['why'], ['why']]);
    expect(owner).toMatchObject({ number: 3, askedWhen: 'source is competitor', type: 'yes-no' });
    expect(knowledge).toMatchObject({
      number: 4,
      required: false,
      scale: { min: 1, max: 5, minLabel: 'none', maxLabel: 'expert' },
      bands: [],
    });
    const md = callSheetMarkdown(sheet);
    // The follow-up comes after its question, headed with every answer that opens it; no answer points elsewhere.
    expect(md).toContain(
      '- [ ] A competitor <sub>competitor</sub>\n- [ ] Unknown / didn’t come up <sub>unknown</sub>',
    );
    expect(md).toContain(
      '> *Only if 1 is “Research” or “A competitor”:*\n>\n> **2. Why?** *(one answer)* <sub>why</sub>',
    );
    expect(md).not.toContain('then ask question');
    // The quote of the follow-ups ends before the next question.
    expect(md).toContain(
      '>\n\n**3. Will they own the result?** *(yes or no)* <sub>owner</sub>\n\n*Ask only when* source is competitor',
    );
    expect(md).toContain(
      '**4. How well do they know their market?** *(one number from 1 to 5, optional)* <sub>knowledge</sub>',
    );
    expect(md).toContain(
      '- [ ] 1 — none\n- [ ] 2\n- [ ] 3\n- [ ] 4\n- [ ] 5 — expert\n- [ ] Unknown / didn’t come up <sub>unknown</sub>',
    );
  });

  it('an answer that opens a question placed under another question points to it by number', () => {
    const shared = `title: Questions
questions:
  - id: first
    type: single
    prompt: First?
    options:
      - { value: a, label: A, signals: { open: 3 }, opens: [why] }
      - { value: b, label: B, signals: { fixed: 3 } }
  - id: second
    type: single
    prompt: Second?
    options:
      - { value: c, label: C, signals: { open: 3 }, opens: [why] }
      - { value: d, label: D, signals: { fixed: 3 } }
  - id: why
    type: text
    prompt: Why?
`;
    const { bank } = loadMini({ manifest: miniManifest, section: shared });
    if (bank === undefined) throw new Error('the bank did not load');
    const md = callSheetMarkdown(callSheet(bank, { toolVersion: '0.0.0', weights: false }));
    expect(md).toContain(
      '> *Only if 1 is “A”:*\n>\n> **2. Why?** *(in their words)* <sub>why</sub>',
    );
    expect(md).toContain('- [ ] C <sub>c</sub> → then ask question 2');
  });
});
