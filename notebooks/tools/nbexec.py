#!/usr/bin/python3
"""Executes a C# Jupyter notebook (.NET Interactive / Polyglot metadata) as one .NET 10 file-based app.

Usage: nbexec.py NOTEBOOK.ipynb OUT.ipynb WORKDIR REPO_ROOT

The code cells are concatenated, in order, into WORKDIR/<name>.cs:
  * `#r "path/X.dll"` lines become `#:project REPO_ROOT/src/X/X.csproj` directives (an error names the line when no
    such project exists); `#:` directives in cells are hoisted as they are;
  * namespace `using` directives are hoisted to the top of the file, and type declarations that start at column 0
    (up to the next `}` at column 0, or a one-line `record X(...);`) move after the top-level statements;
  * every cell is bracketed by marker lines on standard output, and an unhandled exception prints
    `notebook NAME: cell N failed: <message>` to standard error and exits 1;
  * `display(HTML(html))` / `Display.Html(html)` write an HTML block that becomes a text/html output.
The app runs with `dotnet run` in the notebook's folder (relative paths behave as in Jupyter); its standard output is
split at the markers into each cell's outputs, and the executed notebook (nbformat 4) is written atomically to OUT.
Exit status: 0 when every cell ran, 1 when a cell failed (the executed notebook then carries an error output), 2 on usage.
"""
import base64
import json
import os
import re
import subprocess
import sys

MARK = "@@mlseg-nb@@"
USING = re.compile(r"^\s*using\s+(static\s+)?[A-Za-z_][\w.]*(\s*=\s*[A-Za-z_][\w.<>, ]*)?\s*;\s*$")
REFERENCE = re.compile(r'^\s*#r\s+"([^"]+)"\s*$')
DIRECTIVE = re.compile(r"^\s*#:")
TYPE_DECLARATION = re.compile(r"^(public\s+|internal\s+)?((sealed|static|abstract|readonly|partial|ref)\s+)*(class|record|struct|interface|enum)\s+[A-Za-z_]")
COMPILE_ERROR = re.compile(r"^(?P<file>[^(]+\.cs)\((?P<line>\d+),(?P<col>\d+)\): error (?P<msg>.*)$")

PRELUDE_STATEMENTS = f"""\
AppDomain.CurrentDomain.UnhandledException += (_, e) => __Notebook.Fail(e.ExceptionObject);
static __HtmlOutput HTML(string html) => new(html);
static void display(object? value) => __Notebook.Display(value);
"""

PRELUDE_TYPES = f"""
/// <summary>An HTML fragment for <c>display</c>, as in .NET Interactive.</summary>
sealed record __HtmlOutput(string Html);

/// <summary>Writes HTML into the executed notebook as a text/html output.</summary>
static class Display
{{
    /// <summary>Shows <paramref name="html"/> as the current cell's text/html output.</summary>
    public static void Html(string html)
    {{
        System.Console.Out.Flush();
        System.Console.WriteLine("{MARK} html " + System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(html)));
    }}
}}

static class __Notebook
{{
    public static int Cell;
    public static string Name = "";

    public static void Begin(int cell)
    {{
        Cell = cell;
        System.Console.WriteLine("{MARK} begin " + cell);
    }}

    public static void End(int cell) => System.Console.WriteLine("{MARK} end " + cell);

    public static void Display(object? value)
    {{
        if (value is __HtmlOutput h) {{ global::Display.Html(h.Html); }}
        else {{ System.Console.WriteLine(value); }}
    }}

    public static void Fail(object error)
    {{
        string message = error is System.Exception ex ? $"{{ex.GetType().Name}}: {{ex.Message}}" : $"{{error}}";
        string detail = error is System.Exception ex2 ? ex2.ToString() : message;
        System.Console.Out.Flush();
        System.Console.WriteLine("{MARK} error " + System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(message + "\\n" + detail)));
        System.Console.Out.Flush();
        System.Console.Error.WriteLine($"notebook {{Name}}: cell {{Cell}} failed: {{message}}");
        System.Environment.Exit(1);
    }}
}}
"""


def source_of(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def convert(nb, name, repo):
    """Returns (program text, {cell number: (first line, last line)}, [(notebook cell index, cell number)])."""
    directives = ["#:property PublishAot=false", "#:property TreatWarningsAsErrors=false",
                  "#:property GenerateDocumentationFile=false", "#:property EnforceCodeStyleInBuild=false",
                  "#:property AnalysisLevel=none", "#:property Nullable=enable"]
    usings = ["using System;", "using System.Collections.Generic;", "using System.IO;", "using System.Linq;"]
    body = []
    types = []
    code_cells = []
    number = 0
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        number += 1
        code_cells.append((index, number))
        lines = []
        declaration = None
        for raw in source_of(cell).splitlines():
            if declaration is not None:
                declaration.append(raw)
                lines.append("")
                if raw.rstrip() == "}":
                    declaration = None
                continue
            ref = REFERENCE.match(raw)
            if TYPE_DECLARATION.match(raw):
                lines.append("")
                if raw.rstrip().endswith(";"):
                    types.append((number, [raw]))
                else:
                    declaration = [raw]
                    types.append((number, declaration))
            elif ref:
                assembly = os.path.splitext(os.path.basename(ref.group(1)))[0]
                project = os.path.join(repo, "src", assembly, assembly + ".csproj")
                if not os.path.isfile(project):
                    raise SystemExit(f"notebook {name}: cell {number} failed: #r \"{ref.group(1)}\" names {assembly}.dll, "
                                     f"but there is no project src/{assembly}/{assembly}.csproj to build it from")
                directive = f"#:project {project}"
                if directive not in directives:
                    directives.append(directive)
                lines.append("")
            elif DIRECTIVE.match(raw):
                if raw.strip() not in directives:
                    directives.append(raw.strip())
                lines.append("")
            elif USING.match(raw):
                if raw.strip() not in usings:
                    usings.append(raw.strip())
                lines.append("")
            else:
                lines.append(raw)
        body.append((number, lines))

    out = directives + usings + [f"__Notebook.Name = {json.dumps(name)};"] + PRELUDE_STATEMENTS.splitlines()
    ranges = {}
    for number, lines in body:
        out.append(f"__Notebook.Begin({number});")
        first = len(out) + 1
        out.extend(lines)
        ranges[number] = (first, len(out))
        out.append(f"__Notebook.End({number});")
    for number, lines in types:
        first = len(out) + 1
        out.extend(lines)
        ranges[f"{number}"] = (first, len(out))
    out.extend(PRELUDE_TYPES.splitlines())
    return "\n".join(out) + "\n", ranges, code_cells


def cell_of_line(ranges, line):
    for number, (first, last) in ranges.items():
        if first <= line <= last:
            return int(number), line - first + 1
    return None, None


def stream(text, name="stdout"):
    return {"output_type": "stream", "name": name, "text": text.splitlines(keepends=True)}


def parse_outputs(stdout):
    """Splits the app's standard output at the markers: {cell number: [outputs]}, failed cell, error text."""
    outputs, current, buffer, failed, error = {}, None, [], None, None

    def flush():
        if current is not None and buffer:
            outputs.setdefault(current, []).append(stream("".join(buffer)))
        buffer.clear()

    for line in stdout.splitlines(keepends=True):
        if line.startswith(MARK + " "):
            kind, _, arg = line[len(MARK) + 1:].strip().partition(" ")
            if kind == "begin":
                flush()
                current = int(arg)
                outputs.setdefault(current, [])
            elif kind == "end":
                flush()
                current = None
            elif kind == "html":
                flush()
                html = base64.b64decode(arg).decode("utf-8")
                outputs.setdefault(current, []).append(
                    {"output_type": "display_data", "data": {"text/html": html.splitlines(keepends=True)}, "metadata": {}})
            elif kind == "error":
                flush()
                failed = current
                error = base64.b64decode(arg).decode("utf-8")
            continue
        buffer.append(line)
    flush()
    return outputs, failed, error


def write_json(path, value):
    temp = f"{path}.{os.getpid()}.tmp"
    with open(temp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1, ensure_ascii=False)
        f.write("\n")
    os.replace(temp, path)


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    notebook, target, workdir, repo = (os.path.abspath(a) for a in argv[1:])
    name = os.path.splitext(os.path.basename(notebook))[0]
    with open(notebook, encoding="utf-8") as f:
        nb = json.load(f)
    program, ranges, code_cells = convert(nb, name, repo)
    os.makedirs(workdir, exist_ok=True)
    app = os.path.join(workdir, re.sub(r"[^A-Za-z0-9_]", "_", name) + ".cs")
    with open(app, "w", encoding="utf-8") as f:
        f.write(program)

    run = subprocess.run(["dotnet", "run", "--file", app, "-c", "Release"], cwd=os.path.dirname(notebook),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    outputs, failed, error = parse_outputs(run.stdout)
    failure = None
    if failed is not None:
        failure = (failed, error.splitlines()[0] if error else "unhandled exception", error or "")
    elif run.returncode != 0:
        # A build error names a line of the generated file: map it back to its cell.
        for line in (run.stdout + "\n" + run.stderr).splitlines():
            m = COMPILE_ERROR.match(line.strip())
            if m and os.path.abspath(m.group("file")) == app:
                number, cell_line = cell_of_line(ranges, int(m.group("line")))
                message = f"line {cell_line}: error {m.group('msg')}" if number else f"generated prelude: error {m.group('msg')}"
                failure = (number or 0, message, line)
                break
        if failure is None:
            started = [n for n in outputs]
            number = max(started) if started else 0
            tail = (run.stderr.strip().splitlines() or [f"dotnet run exited with {run.returncode}"])[-1]
            failure = (number, f"dotnet run exited with {run.returncode}: {tail}", run.stderr)

    count = 0
    for index, number in code_cells:
        cell = nb["cells"][index]
        cell["outputs"] = outputs.get(number, [])
        if failure and number == failure[0]:
            ename = failure[1].partition(":")[0]
            cell["outputs"].append({"output_type": "error", "ename": ename, "evalue": failure[1],
                                    "traceback": failure[2].splitlines()})
        ran = number in outputs or (failure and number == failure[0])
        cell["execution_count"] = number if ran else None
        count += 1 if ran else 0
    nb.setdefault("metadata", {}).setdefault("language_info", {"name": "csharp"})
    os.makedirs(os.path.dirname(target), exist_ok=True)
    write_json(target, nb)
    if run.stderr and failure is None:
        sys.stderr.write(run.stderr)
    if failure:
        if run.stderr:
            sys.stderr.write(run.stderr if failed is None else "")
        print(f"notebook {name}: cell {failure[0]} failed: {failure[1]}", file=sys.stderr)
        return 1
    print(f"notebook {name}: {count} cell(s) ran; executed notebook: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
