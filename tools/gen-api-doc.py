#!/usr/bin/env python3
"""gen-api-doc.py [--check] HEADER OUT: writes the API reference (docs/API.md) from the
comments of include/htmpl.h, which stays the one source. Section rules
(`/* ---- name */`) become headings; a comment right above declarations documents them and
is printed under their code; a comment followed by a blank line is prose. With --check,
nothing is written: exit 1 (and say so) when OUT differs from what would be written, which is
how `meson test --suite docs` keeps docs/API.md current."""
import re, sys

SECTION = re.compile(r'^/\* -{8,} (.*?) \*/$')


def comment_text(lines):
    out = []
    for i, l in enumerate(lines):
        l = l.rstrip()
        if i == 0:
            l = l[2:]
        if l.endswith('*/'):
            l = l[:-2]
        l = re.sub(r'^\s?\* ?', '', l) if i > 0 else l.lstrip()
        out.append(l.rstrip())
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    # Indented lines (examples, tables) are kept as code.
    text, code, in_list = [], [], False
    for l in out:
        if re.match(r'^ {1,3}- ', l):
            if not in_list and text and text[-1] != '':
                text.append('')
            in_list = True
            text.append(l.strip())
            continue
        if in_list and l.startswith('    '):
            text.append('  ' + l.strip())
            continue
        in_list = False
        if l.startswith('  ') or (code and l == ''):
            code.append(l)
            continue
        if code:
            text += ['', '```c'] + [c for c in code] + ['```', '']
            code = []
        text.append(l)
    if code:
        text += ['', '```c'] + code + ['```']
    return '\n'.join(text).strip()


def items(src):
    """Yields ('section', name), ('prose', text) and ('api', comment, code)."""
    lines = src.split('\n')
    i, n = 0, len(lines)
    pending = None
    # Skip the file's opening comment: it becomes the introduction.
    assert lines[0].startswith('/*')
    while not lines[i].rstrip().endswith('*/'):
        i += 1
    yield ('intro', comment_text(lines[:i + 1]))
    i += 1
    while i < n:
        l = lines[i]
        m = SECTION.match(l)
        if m:
            if pending:
                yield ('prose', pending)
                pending = None
            yield ('section', m.group(1))
            i += 1
            continue
        if l.startswith('/*'):
            j = i
            while not lines[j].rstrip().endswith('*/'):
                j += 1
            text = comment_text(lines[i:j + 1])
            if pending:
                yield ('prose', pending)
            pending = text
            i = j + 1
            if i < n and lines[i].strip() == '':
                yield ('prose', pending)
                pending = None
            continue
        if l.startswith('#if') and pending is not None:
            # A documented conditional definition: show every branch.
            code, depth = [], 0
            while i < n:
                code.append(lines[i])
                if lines[i].startswith('#if'):
                    depth += 1
                elif lines[i].startswith('#endif'):
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            i += 1
            yield ('api', pending, '\n'.join(code))
            pending = None
            continue
        if l.startswith(('HTMPL_API', 'typedef')) or (l.startswith('#define HTMPL_') and pending is not None and not l.startswith('#define HTMPL_H')):
            code = []
            depth = 0
            while i < n:
                code.append(lines[i])
                depth += lines[i].count('{') - lines[i].count('}')
                if depth == 0 and (lines[i].rstrip().endswith(';') or lines[i].startswith('#define')):
                    break
                i += 1
            i += 1
            # More declarations directly below share the comment.
            while i < n and lines[i].startswith(('HTMPL_API', 'typedef')):
                depth = 0
                while i < n:
                    code.append(lines[i])
                    depth += lines[i].count('{') - lines[i].count('}')
                    if depth == 0 and lines[i].rstrip().endswith(';'):
                        break
                    i += 1
                i += 1
            yield ('api', pending, '\n'.join(code))
            pending = None
            continue
        if l.strip() == '' and pending:
            yield ('prose', pending)
            pending = None
        i += 1
    if pending:
        yield ('prose', pending)


def render(src):
    out = ['# libhtmpl API reference', '',
           '<!-- Written by tools/gen-api-doc.py from include/htmpl.h; do not edit: change the header\'s',
           '     comments and run `python3 tools/gen-api-doc.py include/htmpl.h docs/API.md`. -->', '']
    toc = []
    body = []
    for it in items(src):
        if it[0] == 'intro':
            out += [it[1].replace('htmpl.h - ', '`htmpl.h`: ', 1), '']
        elif it[0] == 'section':
            anchor = re.sub(r'[^a-z0-9 -]', '', it[1].lower()).replace(' ', '-')
            toc.append('- [%s](#%s)' % (it[1], anchor))
            body += ['## ' + it[1], '']
        elif it[0] == 'prose':
            body += [it[1], '']
        else:
            _, comment, code = it
            names = re.findall(r'\b(htmpl_[a-z0-9_]+)\s*\(', code) or re.findall(r'\b(htmpl_[a-z0-9_]+|HTMPL_[A-Z0-9_]+)\b', code)[:1]
            if names:
                body += ['### ' + ', '.join('`%s`' % x for x in dict.fromkeys(names)), '']
            body += ['```c', code, '```', '']
            if comment:
                body += [comment, '']
    return '\n'.join(out + ['Contents:', ''] + toc + [''] + body).rstrip() + '\n'


def main():
    args = sys.argv[1:]
    check = args and args[0] == '--check'
    if check:
        args = args[1:]
    header, dest = args
    text = render(open(header).read())
    if check:
        try:
            cur = open(dest).read()
        except OSError:
            cur = ''
        if cur != text:
            print('%s is stale: run python3 tools/gen-api-doc.py %s %s' % (dest, header, dest))
            return 1
        print('%s is current' % dest)
        return 0
    open(dest, 'w').write(text)
    return 0


sys.exit(main())
