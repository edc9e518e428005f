#!/usr/bin/python3
"""Executes one notebook in a Jupyter kernel (nbclient, as `jupyter nbconvert --execute` does) and exports it to HTML.

Usage: execute-notebook.py NOTEBOOK.ipynb OUT_DIR KERNEL_NAME CELL_TIMEOUT_S

Writes OUT_DIR/<name>.ipynb (with outputs) and OUT_DIR/<name>.html, each through a temporary file and a rename. The kernel
runs in the notebook's folder. When a cell fails, prints `notebook NAME: cell N failed:` followed by the cell's error
and stderr outputs (a compile error's diagnostics arrive as stderr, its error output only says "compilation error"),
writes the partly executed notebook to OUT_DIR/<name>.failed.ipynb, and exits 1. Exit status 2: usage or unreadable input.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter


def write_atomically(path, text):
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def failure_text(cell):
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            parts.append(output.get("text", "").strip())
        elif output.get("output_type") == "error":
            parts.append(f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip())
    return "\n".join(p for p in parts if p) or "(the kernel reported no error text)"


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    source, out_dir, kernel, timeout = argv[1], argv[2], argv[3], int(argv[4])
    name = os.path.splitext(os.path.basename(source))[0]
    try:
        nb = nbformat.read(source, as_version=4)
    except (OSError, ValueError) as e:
        print(f"notebook {name}: cannot read {source}: {e}", file=sys.stderr)
        return 2
    os.makedirs(out_dir, exist_ok=True)
    workdir = os.path.dirname(os.path.abspath(source))
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, startup_timeout=300,
                            resources={"metadata": {"path": workdir}})
    failed_path = os.path.join(out_dir, f"{name}.failed.ipynb")
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        code_cells = [c for c in nb.cells if c.cell_type == "code"]
        failed = next((i for i, c in enumerate(code_cells) if any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        if failed is None:  # a timeout or a dead kernel leaves no error output: blame the last cell that started
            failed = max((i for i, c in enumerate(code_cells) if c.get("execution_count") is not None), default=0)
            detail = f"{type(e).__name__}: {str(e).strip().splitlines()[-1] if str(e).strip() else ''}"
        else:
            detail = failure_text(code_cells[failed])
        write_atomically(failed_path, nbformat.writes(nb))
        print(f"notebook {name}: code cell {failed + 1} failed:\n{detail}", file=sys.stderr)
        print(f"notebook {name}: the partly executed notebook is {failed_path}", file=sys.stderr)
        return 1
    if os.path.exists(failed_path):
        os.remove(failed_path)
    write_atomically(os.path.join(out_dir, f"{name}.ipynb"), nbformat.writes(nb))
    html, _ = HTMLExporter().from_notebook_node(nb)
    write_atomically(os.path.join(out_dir, f"{name}.html"), html)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
