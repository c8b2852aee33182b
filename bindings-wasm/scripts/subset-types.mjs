/**
 * @module subset-types — derives the `.d.ts` of a subset entry (onejwt-wasm/verify) from the one
 * hand-written source of the JS types, bindings-js/src/index.d.ts, so no declaration is ever
 * retyped: the declarations of the entry's runtime exports and of every type they use, verbatim and
 * in the source's order, under the source's module comment.
 *
 * A class of the entry keeps the methods the entry's class has at run time: the verify-only module
 * generates and exports no keys, so its `Key` lacks `generate`, `toJwk`, … and so does its declaration
 * (each left-out method with its doc comment; the other members verbatim).
 *
 * It reads the file as index.d.ts is written: a leading module comment, then top-level declarations,
 * each an optional `/** … *\/` comment and an `export …` statement starting in column 0 (members and
 * continuation lines are indented or start with `}` / `)`; a class member starts in column 2). A name it
 * cannot find is an error.
 */

/** A top-level declaration: `/**` or `export ` in column 0 starts one, and it runs to the next. */
const START = /^(?:\/\*\*|export )/;
const NAME = /^export (?:declare )?(?:abstract )?(?:class|function|const|let|type|interface|enum) (\w+)/m;

/**
 * The declarations of `names` and, transitively, of the types they reference.
 *
 * @param {string} source the text of index.d.ts
 * @param {string[] | Record<string, unknown>} entry the subset entry's module namespace (its exports, whose
 *   classes' methods are read), or only the names of its exports (classes kept whole)
 * @param {string} moduleLine the first paragraph of the new module comment (without ` * ` prefixes)
 * @returns {string} the subset `.d.ts`
 * @throws {Error} when the source does not have the expected shape, or a name is not declared in it
 */
export function subsetDeclarations(source, entry, moduleLine) {
  const names = Array.isArray(entry) ? entry : Object.keys(entry);
  const { header, chunks: all } = split(source);
  const chunks = all.map((chunk) =>
    Array.isArray(entry) || typeof entry[chunk.name] !== 'function' ? chunk : withMethodsOf(chunk, entry[chunk.name]),
  );
  const byName = new Map();
  for (const chunk of chunks) {
    const list = byName.get(chunk.name) ?? [];
    list.push(chunk);
    byName.set(chunk.name, list);
  }
  const wanted = new Set();
  const pending = [...names];
  while (pending.length > 0) {
    const name = pending.pop();
    if (wanted.has(name)) continue;
    const declared = byName.get(name);
    if (!declared) throw new Error(`\`${name}\` is not declared in index.d.ts`);
    wanted.add(name);
    for (const chunk of declared) {
      // Only code counts: a doc comment may mention names the declaration does not use.
      const code = chunk.text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const [word] of code.matchAll(/\b[A-Za-z_]\w*\b/g)) {
        if (byName.has(word) && !wanted.has(word)) pending.push(word);
      }
    }
  }
  const body = chunks.filter((chunk) => wanted.has(chunk.name)).map((chunk) => chunk.text.trimEnd());
  return `${retitle(header, moduleLine)}\n\n${body.join('\n\n')}\n`;
}

/** A class member's declaration line: its name, and whether it is a method (`static`, `async` aside). */
const MEMBER = /^ {2}(?:static\s+)?(?:readonly\s+)?(?:get\s+|set\s+)?([A-Za-z_$][\w$]*)\??\s*([(<:;])/;

/**
 * A class declaration without the methods `cls` (the entry's class at run time) lacks, each with its doc
 * comment: a static method must be an own property of the class, an instance method of its prototype.
 * Other members (properties, the constructor) are kept.
 */
function withMethodsOf(chunk, cls) {
  const lines = chunk.text.split('\n');
  const open = lines.findIndex((line) => line.startsWith('export '));
  if (!/^export (?:declare )?(?:abstract )?class /.test(lines[open])) return chunk;
  const close = lines.lastIndexOf('}');
  if (close <= open) throw new Error(`index.d.ts: class ${chunk.name} has no closing brace in column 0`);
  // Members: a doc comment or a declaration starts one in column 2; continuation lines are indented further
  // or close a bracket.
  const units = [];
  let inComment = false;
  for (const line of lines.slice(open + 1, close)) {
    if (!inComment && /^ {2}(?:\/\*\*|[A-Za-z_$[])/.test(line)) {
      units.push({ comment: line.startsWith('  /**'), lines: [line] });
      inComment = line.startsWith('  /**') && !line.includes('*/');
    } else {
      if (units.length === 0) throw new Error(`index.d.ts: class ${chunk.name} opens with a continuation line`);
      units[units.length - 1].lines.push(line);
      if (inComment && line.includes('*/')) inComment = false;
    }
  }
  const kept = [];
  let comment = null;
  for (const unit of units) {
    if (unit.comment) {
      if (comment !== null) throw new Error(`index.d.ts: class ${chunk.name}: a comment follows a comment`);
      comment = unit.lines;
      continue;
    }
    const member = MEMBER.exec(unit.lines[0]);
    const method = member !== null && (member[2] === '(' || member[2] === '<') && member[1] !== 'constructor';
    const holder = /^ {2}static\s/.test(unit.lines[0]) ? cls : cls.prototype;
    if (!method || Object.prototype.hasOwnProperty.call(holder, member[1])) kept.push(...(comment ?? []), ...unit.lines);
    comment = null;
  }
  if (comment !== null) throw new Error(`index.d.ts: class ${chunk.name} ends with a comment that documents nothing`);
  return { ...chunk, text: [...lines.slice(0, open + 1), ...kept, ...lines.slice(close)].join('\n') };
}

/** The module comment and the top-level declarations of `source`. */
function split(source) {
  const lines = source.split('\n');
  const starts = [];
  for (let i = 0; i < lines.length; i++) {
    if (START.test(lines[i])) starts.push(i);
  }
  if (starts.length === 0 || !lines[0].startsWith('/**')) throw new Error('index.d.ts does not open with a module comment');
  const headerEnd = lines.findIndex((line) => line.startsWith(' */'));
  if (headerEnd < 0 || starts[1] <= headerEnd) throw new Error('index.d.ts: unterminated module comment');
  const header = lines.slice(0, headerEnd + 1).join('\n');
  const chunks = [];
  let comment = null;
  for (const [n, start] of starts.slice(1).entries()) {
    const end = starts[n + 2] ?? lines.length;
    const text = lines.slice(start, end).join('\n');
    if (lines[start].startsWith('/**')) {
      // A doc comment belongs to the declaration that follows it.
      if (comment !== null) throw new Error(`index.d.ts line ${start + 1}: a comment follows a comment`);
      comment = text;
      continue;
    }
    const name = NAME.exec(lines[start])?.[1];
    if (!name) throw new Error(`index.d.ts line ${start + 1}: not a declaration this script knows`);
    chunks.push({ name, text: comment === null ? text : `${comment.trimEnd()}\n${text}` });
    comment = null;
  }
  if (comment !== null) throw new Error('index.d.ts ends with a comment that documents nothing');
  return { header, chunks };
}

/** The module comment with its first paragraph (the `@module` line) replaced by `moduleLine`. */
function retitle(header, moduleLine) {
  const lines = header.split('\n');
  const blank = lines.findIndex((line) => line === ' *');
  const rest = blank < 0 ? [' */'] : lines.slice(blank);
  const wrapped = moduleLine.split('\n').map((line) => ` * ${line}`.trimEnd());
  return ['/**', ...wrapped, ...rest].join('\n');
}
