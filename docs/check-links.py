#!/usr/bin/env python3
"""Checks the documentation's links: every relative link in README.md, BENCHMARKS.md and docs/*.md must name an
existing file, and a '#anchor' must be a heading of that file (GitHub's heading ids). Also checks the citations
in code and build files ('docs/NAME.md#anchor'). Run from anywhere: python3 docs/check-links.py
Prints one line per broken link (file:line: link: why) and exits 1 if there is any."""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINK = re.compile(r'\[[^\]]*\]\(([^)\s]+)\)')
CITATION = re.compile(r'docs/([A-Za-z0-9_.-]+\.md)(#[A-Za-z0-9_-]+)?')
CODE_SUFFIXES = ('.java', '.xml', '.toml', '.sh', '.service', '.properties')


def slug(heading):
    """GitHub's id for a heading: lower case, markup and punctuation dropped, spaces to hyphens."""
    text = re.sub(r'`|\*\*|\[|\]\([^)]*\)', '', heading.strip()).lower()
    text = re.sub(r'[^\w\- ]', '', text)
    return text.replace(' ', '-')


def anchors(path, cache={}):
    if path not in cache:
        ids, seen, fenced = set(), {}, False
        with open(path, encoding='utf-8') as f:
            for line in f:
                if line.startswith('```'):
                    fenced = not fenced
                m = None if fenced else re.match(r'#{1,6} (.*)', line)
                if m:
                    s = slug(m.group(1))
                    n = seen.get(s, 0)
                    seen[s] = n + 1
                    ids.add(s if n == 0 else f'{s}-{n}')
        cache[path] = ids
    return cache[path]


def check(source, lineno, target, base, problems):
    path, _, anchor = target.partition('#')
    full = os.path.normpath(os.path.join(base, path)) if path else source
    if not os.path.exists(full):
        problems.append(f'{os.path.relpath(source, ROOT)}:{lineno}: {target}: no such file')
    elif anchor and full.endswith('.md') and anchor not in anchors(full):
        problems.append(f'{os.path.relpath(source, ROOT)}:{lineno}: {target}: no heading with that id')


def main():
    problems = []
    docs = [os.path.join(ROOT, 'README.md'), os.path.join(ROOT, 'BENCHMARKS.md')]
    docs += sorted(os.path.join(ROOT, 'docs', n) for n in os.listdir(os.path.join(ROOT, 'docs')) if n.endswith('.md'))
    for doc in docs:
        fenced = False
        with open(doc, encoding='utf-8') as f:
            for i, line in enumerate(f, 1):
                if line.startswith('```'):
                    fenced = not fenced
                if fenced:
                    continue
                for target in LINK.findall(line):
                    if not re.match(r'[a-z]+:', target):
                        check(doc, i, target, os.path.dirname(doc), problems)
    for top, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in ('.git', 'target', 'node_modules')]
        for name in files:
            if name.endswith(CODE_SUFFIXES) or name == 'run':
                path = os.path.join(top, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    for i, line in enumerate(f, 1):
                        for doc, anchor in CITATION.findall(line):
                            check(path, i, 'docs/' + doc + anchor, ROOT, problems)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
