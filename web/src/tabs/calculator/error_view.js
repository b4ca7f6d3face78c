// Shows a calculator error: the engine's message and, when the program text is at fault, the line of
// the text with a caret under the character the engine points at (position: { offset, line, column },
// line and column 1-based, the column counted in characters as the engine counts them).
// The UTF-16 index (a textarea's) of 1-based line / column (column in code points, as the engine counts).
export function textIndex(source, line, column) {
  let index = 0;
  for (let l = 1; l < line; ++l) {
    const next = source.indexOf('\n', index);
    if (next < 0) return source.length;
    index = next + 1;
  }
  for (let c = 1; c < column && index < source.length && source[index] !== '\n'; ++c) {
    index += source.codePointAt(index) > 0xffff ? 2 : 1;
  }
  return index;
}

// onLocate(index): called by the "show in the text" button with the textarea index of the position.
export function createErrorView(container, { onLocate } = {}) {
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
        if (onLocate) {
          const locate = document.createElement('button');
          locate.type = 'button';
          locate.id = 'calc-error-locate';
          locate.className = 'link-button';
          locate.textContent = 'Show it in the program';
          locate.addEventListener('click', () => onLocate(textIndex(source, position.line, position.column)));
          box.append(locate);
        }
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
