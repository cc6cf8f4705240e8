package neo4jstore

import (
	"context"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// measureGraph reads the graph's measures. Relationship counts by type come from Neo4j's count store and
// degrees from each node's relationship groups, so the statement reads no relationship: about 60 ms for
// 100,000 stakeholders, and about as much again for the groups by kind, sector and country (three
// properties of every stakeholder).
var measureGraph = `CALL () { MATCH (s:Stakeholder) RETURN count(s) AS stakeholders }
CALL () {
  RETURN ` + tieCount + ` AS ties
}
CALL () {
  MATCH (n) WHERE n:Stakeholder OR n:Person OR n:Event
  RETURN coalesce(max(COUNT { (n)--() }), 0) AS maxDegree
}
CALL () {
  MATCH (s:Stakeholder)
  WITH s.kind AS kind, s.sector AS sector, coalesce(s.country, '') AS country,
       count(s) AS n, sum(COUNT { (s)-[:PARTNERS_WITH]-() }) AS ends
  RETURN collect([kind, sector, country, n, ends]) AS groups
}
RETURN stakeholders, ties, maxDegree, groups`

// Measures returns the sizes of the graph that bound the lists of an answer, for pricing queries before
// they run. After a load through this store they are read again before they are returned; a curated
// change (curated) and a write by another process are noticed with the graph version (within
// versionTTL), and meanwhile the last measures are returned and read again in the background, so
// pricing a query seldom waits for the database. When the graph has never been measured and cannot be,
// it returns domain.DefaultGraphMeasures.
func (s *Store) Measures(ctx context.Context) domain.GraphMeasures {
	m, state := s.measures.get()
	switch state {
	case measuresFresh:
		return m
	case measuresAged:
		go func() {
			// The check belongs to the store, not to the request that noticed the age.
			ctx, cancel := context.WithTimeout(s.lifetime, 30*time.Second)
			defer cancel()
			_, _ = s.remeasure(ctx, false)
		}()
		return m
	}
	if fresh, err := s.remeasure(ctx, true); err == nil {
		return fresh
	}
	if state == measuresMissing {
		return domain.DefaultGraphMeasures
	}
	return m
}

// remeasure reads the measures again when the graph version differs from the one they were read at, or
// always when force is set. Concurrent calls share one read.
func (s *Store) remeasure(ctx context.Context, force bool) (domain.GraphMeasures, error) {
	v, err, _ := s.measuring.Do("measure", func() (any, error) {
		gen := s.measures.generation()
		version, err := s.GraphVersion(ctx)
		if err != nil {
			return nil, err
		}
		if m, ok := s.measures.confirm(version, gen); ok && !force {
			return m, nil
		}
		m, err := readPlain(ctx, s, func(tx runner) (domain.GraphMeasures, error) {
			res, err := tx.Run(ctx, measureGraph, nil)
			if err != nil {
				return domain.GraphMeasures{}, err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return domain.GraphMeasures{}, err
			}
			var m domain.GraphMeasures
			for name, dst := range map[string]*int{"stakeholders": &m.Stakeholders, "ties": &m.Ties, "maxDegree": &m.MaxDegree} {
				n, _, err := neo4j.GetRecordValue[int64](rec, name)
				if err != nil {
					return domain.GraphMeasures{}, err
				}
				*dst = int(n)
			}
			groups, _, err := neo4j.GetRecordValue[[]any](rec, "groups")
			if err != nil {
				return domain.GraphMeasures{}, err
			}
			m.Groups = make([]domain.StakeholderGroup, 0, len(groups))
			for _, g := range groups {
				row, _ := g.([]any)
				if len(row) != 5 {
					continue
				}
				kind, _ := row[0].(string)
				sector, _ := row[1].(string)
				country, _ := row[2].(string)
				n, _ := row[3].(int64)
				ends, _ := row[4].(int64)
				m.Groups = append(m.Groups, domain.StakeholderGroup{Kind: domain.StakeholderKind(kind),
					Sector: domain.Sector(sector), Country: country, Stakeholders: int(n), PartnershipEnds: int(ends)})
			}
			return m, nil
		})
		if err != nil {
			return nil, err
		}
		s.measures.put(m, version, gen)
		return m, nil
	})
	if err != nil {
		return domain.GraphMeasures{}, err
	}
	return v.(domain.GraphMeasures), nil
}

type measuresState int

const (
	measuresMissing measuresState = iota // never measured
	measuresStale                        // measured, but this store has written since
	measuresAged                         // measured, but another process may have written since
	measuresFresh
)

// measuresCache keeps the measures read last and the graph version they were read at. Like versionCache,
// it counts generations: a write through the store starts a new one, and measures read in an older
// generation are not kept.
type measuresCache struct {
	mu      sync.Mutex
	gen     uint64
	value   domain.GraphMeasures
	version int64
	read    time.Time
	has     bool
	valid   bool
}

func (c *measuresCache) get() (domain.GraphMeasures, measuresState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case !c.has:
		return c.value, measuresMissing
	case !c.valid:
		return c.value, measuresStale
	case time.Since(c.read) >= versionTTL:
		return c.value, measuresAged
	}
	return c.value, measuresFresh
}

func (c *measuresCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// confirm reports whether the kept measures were read at version, and if so counts them as read now.
func (c *measuresCache) confirm(version int64, gen uint64) (domain.GraphMeasures, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.has || !c.valid || c.version != version || c.gen != gen {
		return domain.GraphMeasures{}, false
	}
	c.read = time.Now()
	return c.value, true
}

func (c *measuresCache) put(m domain.GraphMeasures, version int64, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	c.value, c.version, c.read, c.has, c.valid = m, version, time.Now(), true, true
}

func (c *measuresCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.valid = false
}
