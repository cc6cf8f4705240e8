package org.stakeholdergraph.launcher;

import java.util.List;
import java.util.Map;

import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Warms a freshly started Neo4j up before it is reported ready. A JVM that has just started plans each
 * new Cypher statement slowly while its classes load and its JIT compiler catches up: about a second per
 * statement on two cores, so the first requests after a restart waited seconds for their plans. Planning
 * a few dozen statements of the shapes the service uses (index seeks, keyset pages, COLLECT and COUNT
 * subqueries, map projections, UNWIND of parameter lists) takes that cost here instead, before clients
 * come. The statements only read and work on any data, an empty database included; each is planned under
 * several names, since a plan is cached by the statement's text.
 */
final class Warmup {

    private static final List<String> SHAPES = List.of(
            "MATCH (s:Stakeholder) WHERE s.kind IN $kinds RETURN s {.slug, .name, .kind, partners: COLLECT {"
                    + " MATCH (s)-[r:PARTNERS_WITH]-(p:Stakeholder) RETURN p {.slug, .name, since: r.since} }} AS x%d"
                    + " ORDER BY x%d.name LIMIT 20",
            "UNWIND $slugs AS slug MATCH (s:Stakeholder {slug: slug})-[r:PARTNERS_WITH|MEMBER_OF|PART_OF]-(o:Stakeholder)"
                    + " RETURN slug, collect({type: type(r), other: o.slug, key: r.key}) AS x%d",
            "MATCH (s:Stakeholder) WHERE [s.nameKey, s.slug] > [$name, $slug] RETURN s {.*} AS x%d"
                    + " ORDER BY s.nameKey, s.slug LIMIT 21",
            "OPTIONAL MATCH (v:GraphVersion {id: 'graph'}) RETURN coalesce(v.epoch, 0) + coalesce(v.version, 0) AS x%d",
            "MATCH (s:Stakeholder) RETURN count(s) AS x%d, max(COUNT { (s)--() }) AS y%d",
            "CALL () { MATCH (p:Person) RETURN count(p) AS n } RETURN n AS x%d",
            "MATCH (e:Event) WHERE e.kind IN $kinds RETURN e {.slug, .name,"
                    + " participants: [(e)<-[q]-(y:Stakeholder) | y {.slug, role: type(q)}]} AS x%d ORDER BY e.sortDate DESC LIMIT 20",
            "MATCH (a:Stakeholder)-[r:PARTNERS_WITH]-(b:Stakeholder) WHERE a.kind IN $kinds AND b.kind IN $kinds"
                    + " RETURN a.slug AS x%d, b.slug, r {.key, .since, .until} ORDER BY r.key LIMIT 20");

    private static final int NAMES = 2;

    private Warmup() {
    }

    /** Plans and runs the warm-up statements until they are done or the time is up. */
    static void run(GraphDatabaseService db, long budgetMillis) {
        long deadline = System.currentTimeMillis() + budgetMillis;
        Map<String, Object> params = Map.of("kinds", List.of("NGO"), "slugs", List.of("none"), "name", "", "slug", "");
        for (int i = 0; i < NAMES; i++) {
            for (String shape : SHAPES) {
                if (System.currentTimeMillis() > deadline) {
                    return;
                }
                String query = String.format(shape, i, i);
                try {
                    db.executeTransactionally(query, params);
                } catch (RuntimeException e) {
                    // A warm-up statement that fails has still been parsed and planned as far as it went.
                    System.err.println("neo4j-launcher: warm-up statement failed: " + e.getMessage());
                }
            }
        }
    }
}
