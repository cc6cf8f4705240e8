#!/usr/bin/env python3
"""Projects a stakeholder-event graph onto the stakeholders with NetworkX, for the affiliation tests.

Reads JSON from standard input: {"stakeholders": [slug], "participations": [[stakeholder, event]]}, the
participations an affiliation view counts. Builds the bipartite graph, projects it with
networkx.algorithms.bipartite.weighted_projected_graph (the weight of a link is the number of events the two
share) and prints {"edges": [[a, b, weight]] with a < b, sorted, "degree": {slug: degree_centrality}}.
"""

import json
import sys

import networkx as nx
from networkx.algorithms import bipartite


def main():
    data = json.load(sys.stdin)
    b = nx.Graph()
    b.add_nodes_from(("s", s) for s in data["stakeholders"])
    for stakeholder, event in data["participations"]:
        b.add_edge(("s", stakeholder), ("e", event))
    g = bipartite.weighted_projected_graph(b, [("s", s) for s in data["stakeholders"]])
    edges = sorted(sorted([u[1], v[1]]) + [w] for u, v, w in g.edges(data="weight"))
    degree = {n[1]: value for n, value in nx.degree_centrality(g).items()}
    json.dump({"edges": edges, "degree": degree, "networkx": nx.__version__}, sys.stdout)


if __name__ == "__main__":
    main()
