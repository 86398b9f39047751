import { describe, expect, it } from 'vitest';
import { callSheet } from '../../src/core/call-sheet';
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
    expect(knowledge).toMatchObject({ number: 4, required: false, scale: { min: 1, max: 5, minLabel: 'none', maxLabel: 'expert' }, bands: [] });
    const md = callSheetMarkdown(sheet);
    expect(md).toContain('- [ ] A competitor → then ask question 2');
    expect(md).toContain('**3. Will they own the result?** *(yes or no)*\n*Ask only when* source is competitor');
    expect(md).toContain('**4. How well do they know their market?** *(a scale from 1 to 5, optional)*');
    expect(md).toContain('Circle one: 1 · 2 · 3 · 4 · 5 (1 = none, 5 = expert)');
  });
});
