#!/usr/bin/env python3
"""Read a GraphML or GEXF export with NetworkX and print, as JSON, what NetworkX sees.

Usage: read_back.py graphml|gexf FILE

The Go tests in exchange/ run this to prove that NetworkX reads the exports. Output:

    {"networkx": "3.6.1", "class": "DiGraph", "directed": true,
     "nodes": [{"id": ..., <attributes>}], "edges": [{"id": ..., "source": ..., "target": ..., <attributes>}]}

sorted by id. List attributes, which the exports join into one string, are split here the documented way
(aliases, focusAreas and mandates on ";", source columns on "|", a backslash escaping the separator or
itself, entries trimmed), so the Go side sees lists.
"""
import json
import sys

try:
    import networkx as nx
except ImportError:
    sys.stderr.write(
        "networkx is not installed: pip install -r exchange/testdata/requirements.txt (networkx==3.6.1)\n"
    )
    sys.exit(3)

ITEM_LISTS = {"aliases", "focusAreas", "mandates"}
SOURCE_LISTS = {
    "sourceKeys",
    "sourceTitles",
    "sourcePublishers",
    "sourceDates",
    "sourceUrls",
    "sourceKinds",
    "sourceStories",
    "sourceQuotes",
}


def split(value, sep):
    """Split value at every sep not escaped by a backslash; unescape and trim each piece."""
    pieces, current, escaped = [], [], False
    for ch in value:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == sep:
            pieces.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    if escaped:
        current.append("\\")
    pieces.append("".join(current).strip())
    return pieces


def attributes(data):
    out = {}
    for name, value in data.items():
        if name in ITEM_LISTS:
            value = [v for v in split(value, ";") if v]
        elif name in SOURCE_LISTS:
            value = split(value, "|") if value.strip() else []
        out[name] = value
    return out


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("graphml", "gexf"):
        sys.stderr.write(__doc__)
        sys.exit(2)
    fmt, path = sys.argv[1], sys.argv[2]
    if fmt == "graphml":
        # force_multigraph keys every edge by its GraphML id even when no two edges are parallel.
        graph = nx.read_graphml(path, force_multigraph=True)
    else:
        graph = nx.read_gexf(path)

    nodes = []
    for node, data in graph.nodes(data=True):
        nodes.append(dict(attributes(data), id=node))

    edges = []
    if graph.is_multigraph():
        triples = ((u, v, dict(d, id=d.get("id", k))) for u, v, k, d in graph.edges(keys=True, data=True))
    else:
        triples = graph.edges(data=True)
    for source, target, data in triples:
        edges.append(dict(attributes(data), source=source, target=target))

    json.dump(
        {
            "networkx": nx.__version__,
            "class": type(graph).__name__,
            "directed": graph.is_directed(),
            "nodes": sorted(nodes, key=lambda n: n["id"]),
            "edges": sorted(edges, key=lambda e: e["id"]),
        },
        sys.stdout,
        ensure_ascii=False,
        sort_keys=True,
        indent=1,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
