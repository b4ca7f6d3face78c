// Shows a calculator error: the engine's message and, when the program text is at fault, the line of
// the text with a caret under the character the engine points at (position: { offset, line, column },
// line and column 1-based, the column counted in characters as the engine counts them).
export function createErrorView(container) {
  const box = document.createElement('div');
  box.className = 'calc-error';
  box.id = 'calc-error';
  box.hidden = true;
  container.append(box);

  return {
    show(message, position, source) {
      box.replaceChildren();
      box.setAttribute('role', 'alert');
      const text = document.createElement('p');
      text.className = 'calc-error-message';
      text.textContent = message;
      box.append(text);
      delete box.dataset.line;
      delete box.dataset.column;
      if (position && Number.isInteger(position.line) && Number.isInteger(position.column)) {
        const lines = source.split('\n');
        const chars = Array.from(lines[position.line - 1] ?? '');
        const at = position.column - 1; // may equal chars.length: the end of the line
        box.dataset.line = String(position.line);
        box.dataset.column = String(position.column);
        const gutter = `${position.line} | `;
        const pre = document.createElement('pre');
        pre.className = 'calc-error-where';
        pre.setAttribute('aria-label', `line ${position.line}, column ${position.column}`);
        const codeLine = document.createElement('span');
        codeLine.className = 'code-line';
        const mark = document.createElement('mark');
        mark.textContent = chars[at] ?? ' ';
        codeLine.append(gutter + chars.slice(0, at).join(''), mark, chars.slice(at + 1).join(''));
        // The caret line copies tabs so the caret stays under the character in any tab width.
        const pad = chars.slice(0, at).map((ch) => (ch === '\t' ? '\t' : ' ')).join('');
        const caret = document.createElement('span');
        caret.className = 'caret-line';
        caret.textContent = `${' '.repeat(gutter.length)}${pad}^`;
        pre.append(codeLine, '\n', caret);
        box.append(pre);
      }
      box.hidden = false;
    },
    clear() {
      box.hidden = true;
      box.removeAttribute('role');
      box.replaceChildren();
    },
    get shown() { return !box.hidden; },
  };
}
