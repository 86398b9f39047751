import type { Style } from './style';
import { wrapText } from './wrap-text';

/** Lines of wrapped text, collected in order. */
export class TextLines {
  readonly lines: string[] = [];
  constructor(readonly width: number) {}

  /** A block of text: `first` before its first line, `rest` (a hanging indent) before the rest. */
  add(text: string, first = '', rest = first): void {
    this.lines.push(...wrapText(text, { width: this.width, first, rest }));
  }

  blank(): void {
    this.lines.push('');
  }

  /** A section title after a blank line. */
  heading(title: string, style: Style): void {
    this.lines.push('', style.bold(title));
  }

  /** A titled list, one bullet per item; nothing at all when there are no items. */
  bullets(title: string, items: readonly string[], style: Style): void {
    if (items.length === 0) return;
    this.heading(title, style);
    for (const item of items) this.add(item, '  • ', '    ');
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
