#!/usr/bin/env python3
"""Reference values for package analytics, computed with NetworkX.

Usage (from analytics/testdata, with networkx 3.6.1, numpy and scipy installed):

    python3 networkx_expected.py

1. Writes the fixture networks to networks/*.json: Zachary's karate club, a directed random graph, a
   hand-built graph with several components and isolated nodes, and a small mixed stakeholder network.
   Other files in networks/ (the seed network, say) are left alone and read like these.
2. For every networks/NAME.json, projects it as package analytics does (see its package comment), computes
   every measure with NetworkX and writes expected/NAME.json.

A network file is a JSON domain.Network:

    {"stakeholders": [{"slug", "kind", "sector"}], "ties": [{"key", "type", "from", "to"}]}

Louvain partitions differ between implementations, so the Go tests check Q against NetworkX's modularity of
the Go partition: `go test ./analytics -run TestLouvainGolden -update` writes louvain/NAME.json, and this
script then adds the NetworkX modularity of each stored partition to expected/NAME.json. For a new network,
run the script, then the Go update, then the script again.
"""

import json
import math
import os
import random
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
NETWORKS = os.path.join(HERE, "networks")
EXPECTED = os.path.join(HERE, "expected")
LOUVAIN = os.path.join(HERE, "louvain")

# Iteration settings the Go tests reuse (they read them from the expected files).
PAGERANK = {"alpha": 0.85, "tol": 1e-12, "max_iter": 10000}
EIGENVECTOR = {"tol": 1e-12, "max_iter": 100000}

# The tie types with a direction (domain.TieType.Directed): every type but PARTNERS_WITH, CO_ORGANISES,
# DISPUTES and the derived CO_PARTICIPATES.
DIRECTED_TYPES = {"MEMBER_OF", "PART_OF", "SECRETARIAT_OF", "FUNDS", "TRAINS", "CHAIRS", "HOSTS", "SANCTIONS", "CRITICISES"}


# ---------------------------------------------------------------------------------------------------------
# Fixture networks


def stakeholder(slug, kind, sector):
    return {"slug": slug, "kind": kind, "sector": sector}


def tie(key, type_, frm, to):
    return {"key": key, "type": type_, "from": frm, "to": to}


def karate():
    g = nx.karate_club_graph()
    kinds = ["NGO", "CIVIL_SOCIETY", "ACADEMIC"]
    sh = [
        stakeholder(
            f"k{v:02d}",
            kinds[v % 3],
            "CIVIL_SOCIETY" if g.nodes[v]["club"] == "Mr. Hi" else "GOVERNMENT",
        )
        for v in g
    ]
    ties = [tie(f"k{u:02d}-k{v:02d}", "PARTNERS_WITH", f"k{u:02d}", f"k{v:02d}") for u, v in g.edges()]
    return {"stakeholders": sh, "ties": ties}


def random_directed():
    g = nx.gnp_random_graph(60, 0.08, seed=7, directed=True)
    rng = random.Random(7)
    kinds = ["MINISTRY", "AGENCY", "COUNCIL", "NGO", "INTERNATIONAL_ORGANIZATION"]
    sectors = ["GOVERNMENT", "LAW_ENFORCEMENT", "CIVIL_SOCIETY", "INTERNATIONAL"]
    sh = [stakeholder(f"r{v:02d}", rng.choice(kinds), rng.choice(sectors)) for v in g]
    types = ["MEMBER_OF", "PART_OF", "SECRETARIAT_OF"]
    ties = [
        tie(f"r{u:02d}-r{v:02d}", types[i % len(types)], f"r{u:02d}", f"r{v:02d}")
        for i, (u, v) in enumerate(g.edges())
    ]
    return {"stakeholders": sh, "ties": ties}


def components():
    """Several components: a triangle with a tail, a membership star, a pair, a directed 4-cycle and two
    isolated stakeholders. The star and the cycle are equally large; a1-a2 has two ties."""
    sh = [stakeholder(s, "NGO", "CIVIL_SOCIETY") for s in ["a1", "a2", "a3", "a4", "a5"]]
    sh += [stakeholder("b1", "COUNCIL", "GOVERNMENT")]
    sh += [stakeholder(s, "AGENCY", "GOVERNMENT") for s in ["b2", "b3", "b4"]]
    sh += [stakeholder("c1", "ACADEMIC", "ACADEMIC"), stakeholder("c2", "PRIVATE_SECTOR", "PRIVATE")]
    sh += [stakeholder(s, "AGENCY", "LAW_ENFORCEMENT") for s in ["d1", "d2", "d3", "d4"]]
    sh += [stakeholder("i1", "NGO", "CIVIL_SOCIETY"), stakeholder("i2", "DIPLOMATIC_MISSION", "DIPLOMATIC")]
    ties = [
        tie("a1-a2", "PARTNERS_WITH", "a1", "a2"),
        tie("a1-a2-m", "MEMBER_OF", "a1", "a2"),
        tie("a2-a3", "PARTNERS_WITH", "a2", "a3"),
        tie("a3-a1", "PARTNERS_WITH", "a3", "a1"),
        tie("a3-a4", "PARTNERS_WITH", "a3", "a4"),
        tie("a4-a5", "PARTNERS_WITH", "a4", "a5"),
        tie("b2-b1", "MEMBER_OF", "b2", "b1"),
        tie("b3-b1", "MEMBER_OF", "b3", "b1"),
        tie("b4-b1", "MEMBER_OF", "b4", "b1"),
        tie("c1-c2", "PARTNERS_WITH", "c1", "c2"),
        tie("d1-d2", "PART_OF", "d1", "d2"),
        tie("d2-d3", "PART_OF", "d2", "d3"),
        tie("d3-d4", "PART_OF", "d3", "d4"),
        tie("d4-d1", "PART_OF", "d4", "d1"),
    ]
    return {"stakeholders": sh, "ties": ties}


def mixed():
    """A small stakeholder network exercising the projection: memberships, part-of and secretariat ties
    (directed), partnerships (both ways), two ties on one arc, a partnership beside a membership, a self tie
    and a tie to an unknown stakeholder (both ignored) and an isolated stakeholder."""
    sh = [
        stakeholder("ministry-interior", "MINISTRY", "GOVERNMENT"),
        stakeholder("ministry-labour", "MINISTRY", "GOVERNMENT"),
        stakeholder("national-council", "COUNCIL", "GOVERNMENT"),
        stakeholder("police-atu", "AGENCY", "LAW_ENFORCEMENT"),
        stakeholder("immigration", "AGENCY", "LAW_ENFORCEMENT"),
        stakeholder("ngo-shelter", "NGO", "CIVIL_SOCIETY"),
        stakeholder("ngo-hotline", "NGO", "CIVIL_SOCIETY"),
        stakeholder("cso-network", "CIVIL_SOCIETY", "CIVIL_SOCIETY"),
        stakeholder("iom", "INTERNATIONAL_ORGANIZATION", "INTERNATIONAL"),
        stakeholder("unodc", "INTERNATIONAL_ORGANIZATION", "INTERNATIONAL"),
        stakeholder("embassy-us", "DIPLOMATIC_MISSION", "DIPLOMATIC"),
        stakeholder("bank-alliance", "PRIVATE_SECTOR", "PRIVATE"),
        stakeholder("university", "ACADEMIC", "ACADEMIC"),
        stakeholder("lonely-ngo", "NGO", "CIVIL_SOCIETY"),
    ]
    ties = [
        tie("m-interior-council", "MEMBER_OF", "ministry-interior", "national-council"),
        tie("s-interior-council", "SECRETARIAT_OF", "ministry-interior", "national-council"),
        tie("m-labour-council", "MEMBER_OF", "ministry-labour", "national-council"),
        tie("m-police-council", "MEMBER_OF", "police-atu", "national-council"),
        tie("m-immigration-council", "MEMBER_OF", "immigration", "national-council"),
        tie("m-iom-council", "MEMBER_OF", "iom", "national-council"),
        tie("p-police-interior", "PART_OF", "police-atu", "ministry-interior"),
        tie("p-immigration-interior", "PART_OF", "immigration", "ministry-interior"),
        tie("m-shelter-cso", "MEMBER_OF", "ngo-shelter", "cso-network"),
        tie("m-hotline-cso", "MEMBER_OF", "ngo-hotline", "cso-network"),
        tie("pw-shelter-cso", "PARTNERS_WITH", "cso-network", "ngo-shelter"),
        tie("pw-iom-shelter", "PARTNERS_WITH", "iom", "ngo-shelter"),
        tie("pw-unodc-police", "PARTNERS_WITH", "unodc", "police-atu"),
        tie("pw-embassy-iom", "PARTNERS_WITH", "embassy-us", "iom"),
        tie("pw-hotline-police", "PARTNERS_WITH", "ngo-hotline", "police-atu"),
        tie("pw-bank-hotline", "PARTNERS_WITH", "bank-alliance", "ngo-hotline"),
        tie("pw-university-unodc", "PARTNERS_WITH", "university", "unodc"),
        tie("pw-iom-unodc", "PARTNERS_WITH", "iom", "unodc"),
        tie("pw-shelter-hotline", "PARTNERS_WITH", "ngo-shelter", "ngo-hotline"),
        tie("pw-labour-iom", "PARTNERS_WITH", "ministry-labour", "iom"),
        tie("self-hotline", "PARTNERS_WITH", "ngo-hotline", "ngo-hotline"),
        tie("dangling", "MEMBER_OF", "ngo-shelter", "no-such-stakeholder"),
    ]
    return {"stakeholders": sh, "ties": ties}


FIXTURES = {
    "karate": karate,
    "random_directed": random_directed,
    "components": components,
    "mixed": mixed,
}


# ---------------------------------------------------------------------------------------------------------
# Projection and measures


def project(net):
    """The undirected and directed views of package analytics."""
    u, d = nx.Graph(), nx.DiGraph()
    for s in net["stakeholders"]:
        if s["slug"] in u:
            continue
        u.add_node(s["slug"], kind=s["kind"], sector=s["sector"])
        d.add_node(s["slug"], kind=s["kind"], sector=s["sector"])
    for t in net["ties"]:
        a, b = t["from"], t["to"]
        if a not in u or b not in u or a == b:
            continue
        u.add_edge(a, b)
        d.add_edge(a, b)
        if t["type"] not in DIRECTED_TYPES:
            d.add_edge(b, a)
    return u, d


def floats(m):
    return {k: float(v) for k, v in m.items()}


def sorted_groups(groups):
    out = [sorted(c) for c in groups]
    out.sort(key=lambda c: (-len(c), c[0] if c else ""))
    return out


def eigenvector(g):
    try:
        return floats(nx.eigenvector_centrality(g, max_iter=EIGENVECTOR["max_iter"], tol=EIGENVECTOR["tol"]))
    except nx.PowerIterationFailedConvergence:
        return None


def scores(u, d):
    pr = dict(alpha=PAGERANK["alpha"], tol=PAGERANK["tol"], max_iter=PAGERANK["max_iter"])
    return {
        "degree.undirected": floats(nx.degree_centrality(u)),
        "degree.undirected.raw": floats(dict(u.degree())),
        "degree.in": floats(nx.in_degree_centrality(d)),
        "degree.in.raw": floats(dict(d.in_degree())),
        "degree.out": floats(nx.out_degree_centrality(d)),
        "degree.out.raw": floats(dict(d.out_degree())),
        "degree.total": floats(nx.degree_centrality(d)),
        "degree.total.raw": floats(dict(d.degree())),
        "betweenness.undirected": floats(nx.betweenness_centrality(u)),
        "betweenness.undirected.raw": floats(nx.betweenness_centrality(u, normalized=False)),
        "betweenness.directed": floats(nx.betweenness_centrality(d)),
        "betweenness.directed.raw": floats(nx.betweenness_centrality(d, normalized=False)),
        "closeness.undirected": floats(nx.closeness_centrality(u, wf_improved=True)),
        "closeness.directed": floats(nx.closeness_centrality(d, wf_improved=True)),
        "harmonic.undirected": floats(nx.harmonic_centrality(u)),
        "harmonic.directed": floats(nx.harmonic_centrality(d)),
        "pagerank.undirected": floats(nx.pagerank(u, **pr)),
        "pagerank.directed": floats(nx.pagerank(d, **pr)),
        "eigenvector.undirected": eigenvector(u),
        "eigenvector.directed": eigenvector(d),
        "core_number": floats(nx.core_number(u)),
    }


def mixing(u, attr):
    """Our convention: each undirected edge counts once, the diagonal holds edges inside a group. It is
    derived from NetworkX's attribute_mixing_dict, which counts every edge in both directions."""
    names = sorted({u.nodes[v][attr] for v in u})
    md = nx.attribute_mixing_dict(u, attr)
    ties = [[md.get(a, {}).get(b, 0) // (2 if a == b else 1) for b in names] for a in names]
    groups = []
    total_e = total_i = 0
    for i, name in enumerate(names):
        internal = ties[i][i]
        external = sum(ties[i][j] for j in range(len(names)) if j != i)
        total_i += internal
        total_e += external
        groups.append(
            {
                "name": name,
                "members": sum(1 for v in u if u.nodes[v][attr] == name),
                "internal": internal,
                "external": external,
                "ei": (external - internal) / (external + internal) if external + internal else 0.0,
            }
        )
    total_e //= 2  # each cross-group edge was counted at both of its groups
    return {
        "groups": groups,
        "ties": ties,
        "ei": (total_e - total_i) / (total_e + total_i) if total_e + total_i else 0.0,
    }


def stats(u, d):
    n = u.number_of_nodes()
    comps = sorted_groups(nx.connected_components(u))
    largest = u.subgraph(comps[0]) if comps else u
    return {
        "nodes": n,
        "edges": u.number_of_edges(),
        "arcs": d.number_of_edges(),
        "density": nx.density(u),
        "directed_density": nx.density(d),
        "reciprocity": nx.overall_reciprocity(d) if d.number_of_edges() else 0.0,
        "average_degree": 2 * u.number_of_edges() / n if n else 0.0,
        "components": nx.number_connected_components(u),
        "strong_components": nx.number_strongly_connected_components(d),
        "largest_component": len(comps[0]) if comps else 0,
        "diameter": nx.diameter(largest) if len(largest) > 1 else 0,
        "average_shortest_path": nx.average_shortest_path_length(largest) if len(largest) > 1 else 0.0,
        "kinds": mixing(u, "kind"),
        "sectors": mixing(u, "sector"),
    }


def modularities(name, u):
    if u.number_of_edges() == 0:
        return []
    out = []

    def add(label, resolution, communities):
        communities = sorted_groups(communities)
        q = nx.community.modularity(u, communities, resolution=resolution)
        out.append({"name": label, "resolution": resolution, "communities": communities, "q": q})

    for attr in ("kind", "sector"):
        groups = {}
        for v in u:
            groups.setdefault(u.nodes[v][attr], []).append(v)
        add(attr, 1.0, groups.values())
    add("networkx-louvain", 1.0, nx.community.louvain_communities(u, seed=1))
    add("networkx-louvain-r2", 2.0, nx.community.louvain_communities(u, resolution=2.0, seed=1))

    path = os.path.join(LOUVAIN, name + ".json")
    if os.path.exists(path):
        with open(path) as f:
            for run in json.load(f):
                label = f"go-louvain-r{run['resolution']:g}-s{run['seed']}"
                add(label, run["resolution"], run["communities"])
    return out


def expected(name, net):
    u, d = project(net)
    return {
        "network": name,
        "networkx": nx.__version__,
        "python": sys.version.split()[0],
        "pagerank": PAGERANK,
        "eigenvector": EIGENVECTOR,
        "scores": scores(u, d),
        "components": sorted_groups(nx.connected_components(u)),
        "strong_components": sorted_groups(nx.strongly_connected_components(d)),
        "stats": stats(u, d),
        "modularity": modularities(name, u),
    }


def write(path, value):
    with open(path, "w") as f:
        json.dump(value, f, indent=1, sort_keys=True)
        f.write("\n")


def main():
    os.makedirs(NETWORKS, exist_ok=True)
    os.makedirs(EXPECTED, exist_ok=True)
    for name, build in FIXTURES.items():
        write(os.path.join(NETWORKS, name + ".json"), build())
    for file in sorted(os.listdir(NETWORKS)):
        if not file.endswith(".json"):
            continue
        name = file[: -len(".json")]
        with open(os.path.join(NETWORKS, file)) as f:
            net = json.load(f)
        write(os.path.join(EXPECTED, file), expected(name, net))
        print(f"{name}: expected/{file}")


if __name__ == "__main__":
    # Some NetworkX functions (harmonic_centrality) sum over sets of strings, whose order follows Python's
    # per-process hash seed; fix it so the files come out byte for byte the same on every run.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})
    main()
