#!/usr/bin/env python3
"""Fails when a function in the given C++ folders is longer than --max lines.

Issue 9 asks that no function in enrich/ be over 150 lines. This finds the
functions the way a reader does: a brace at file, namespace or class scope
whose statement has a parameter list and no '=' opens a function body, and
its matching brace closes it (string and character literals and comments
are skipped; lambdas and local classes count toward their function). The
length is from the line of the opening brace's statement to the closing
brace, as lizard counts it.

A constructor's member initialised with braces (": a_(a), b_{a} {"), a
template parameter's default and an operator's own '=' ("operator=") are
read as such; a prefixed character literal (L'{') is a literal, not a
digit separator.

Usage: function_length.py [--max N] DIR...
"""
import argparse
import os
import re
import sys

CONTROL = re.compile(r"^\s*(if|for|while|switch|catch|do|else|return)\b")
TEMPLATE = re.compile(r"^\s*template\s*<[^;{]*?>\s*(?=[A-Za-z_~])")
# "Foo::Foo(int a) : a_(a), b_" before '{': a member's brace initialiser.
INIT_BRACE = re.compile(r"\)\s*(noexcept\s*)?:[^;{}]*[A-Za-z_0-9>]\s*$")
SCOPE = re.compile(r"\b(namespace|class|struct|union|enum)\b")


def strip_literals(src):
    """The source with comments and literals blanked, newlines kept."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif c == "R" and src.startswith('R"', i) and (i == 0 or not (src[i - 1].isalnum() or src[i - 1] == "_")):
            d = src.find("(", i)
            delim = ")" + src[i + 2:d] + '"'
            j = src.find(delim, d)
            j = n if j < 0 else j + len(delim)
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and src[i - 1].isalnum():
                # A digit separator (1'000, 0xFF'FF) inside a number, not a
                # prefixed character literal (L'{', u8'x').
                j = i
                while j > 0 and (src[j - 1].isalnum() or src[j - 1] == "_"):
                    j -= 1
                if src[j].isdigit():
                    out.append(" ")
                    i += 1
                    continue
            j = i + 1
            while j < n and src[j] != c and src[j] != "\n":
                j += 2 if src[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(path):
    """(name, first line, length) of each function body in the file."""
    src = strip_literals(open(path, encoding="utf-8").read())
    # A preprocessor line is no statement.
    src = re.sub(r"(?m)^[ \t]*#.*$", lambda m: " " * len(m.group(0)), src)
    stack = []  # per open brace: (kind, name, first line)
    stmt_start, line = 0, 1
    for i, c in enumerate(src):
        if c == "\n":
            line += 1
        elif c in ";{}":
            if c == "{":
                stmt = src[stmt_start:i]
                outer = stack[-1][0] if stack else "scope"
                kind = "other"
                # Before the parameter list: no template parameters' defaults,
                # no operator's own '=' ("operator=", "operator==").
                head = TEMPLATE.sub("", stmt.split("(")[0])
                head = re.sub(r"operator\s*[^\s\w]+", "operator", head)
                if outer == "scope":
                    if SCOPE.search(stmt) and "(" not in stmt:
                        kind = "scope"
                    elif stmt.strip().startswith('extern'):
                        kind = "scope"
                    elif INIT_BRACE.search(stmt):
                        kind = "init"  # a member's braces in a constructor's initialiser list
                    elif "(" in stmt and "=" not in head and not CONTROL.match(stmt):
                        kind = "function"
                lead = len(stmt) - len(stmt.lstrip())
                first = line - src[stmt_start + lead:i].count("\n")
                words = stmt.split("(")[0].split()
                name = words[-1] if kind == "function" and words else ""
                stack.append((kind, name, first))
                if kind == "init":
                    continue  # the constructor's statement goes on past these braces
            elif c == "}" and stack:
                kind, name, first = stack.pop()
                if kind == "function":
                    yield name, first, line - first + 1
                if kind == "init":
                    continue
            stmt_start = i + 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max", type=int, default=150)
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    bad, seen = [], 0
    for d in args.dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if not f.endswith((".cc", ".h")):
                    continue
                p = os.path.join(root, f)
                for name, first, length in functions(p):
                    seen += 1
                    if length > args.max:
                        bad.append(f"{p}:{first}: {name} is {length} lines (at most {args.max})")
    for b in bad:
        print(b)
    if seen == 0:
        print("no functions found: wrong folder?")
        return 1
    print(f"{seen} functions, {len(bad)} over {args.max} lines")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
