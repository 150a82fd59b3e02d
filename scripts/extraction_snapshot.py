"""Write, or compare against, the extraction of every shared and generated PDF: the gate a change
to the PDF reader that must not change its output passes before it is merged.

    PYTHONPATH=. python scripts/extraction_snapshot.py write DIR [--layouts CACHE]
    PYTHONPATH=. python scripts/extraction_snapshot.py compare DIR [--layouts CACHE]

The files are the PDFs under ../shared/corpus and the generated council layouts in their four
tested variants (`examples.layout_office.layout_pdfs`, printed by LibreOffice into CACHE once).
`write` stores one extraction.json a file in DIR; `compare` extracts again and names every file
whose JSON differs, with the first differing line, and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from examples.layout_office import CACHE, layout_pdfs  # noqa: E402
from examples.layouts import TESTED_VARIANTS  # noqa: E402
from extract.document import extract_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def sources(layouts: Path) -> dict[str, bytes]:
    """Every PDF by a stable name: its path under the corpus, or its layout and variant."""
    found = {str(p.relative_to(CORPUS)): p.read_bytes() for p in sorted(CORPUS.rglob("*.pdf"))}
    for pdf in layout_pdfs(variants=TESTED_VARIANTS, cache=layouts):
        found[f"layouts/{pdf.name}"] = pdf.pdf
    return found


def snapshot(name: str, data: bytes) -> str:
    extraction = extract_file(Path(name).name, data)
    return json.dumps(extraction.model_dump(mode="json"), indent=2, ensure_ascii=False)


def stored_name(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()[:16] + ".json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["write", "compare"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--layouts", type=Path, default=CACHE, help="where the layout PDFs are cached")
    args = parser.parse_args()
    files = sources(args.layouts)
    args.folder.mkdir(parents=True, exist_ok=True)
    differ = []
    for name, data in files.items():
        text = snapshot(name, data)
        stored = args.folder / stored_name(name)
        if args.mode == "write":
            stored.write_text(text)
            continue
        before = stored.read_text() if stored.exists() else ""
        if text != before:
            first = next(
                (
                    d
                    for d in difflib.unified_diff(before.splitlines(), text.splitlines(), lineterm="", n=0)
                    if d[:1] in "+-" and d[:3] not in ("+++", "---")
                ),
                "(missing)",
            )
            differ.append(f"{name}: {first.strip()}")
    if args.mode == "write":
        print(f"wrote {len(files)} extractions to {args.folder}")
        return 0
    for line in differ:
        print(f"DIFFERS {line}")
    print(f"{len(files) - len(differ)} of {len(files)} extractions identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
