package neo4jstore

import (
	"context"
	"reflect"
	"sync"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Every fact cites documents by key. Reading a document per citation in every query row costs more than
// the rest of the row, and the documents are few and rarely change, so the store keeps them in memory:
// queries return citation keys, and attachDocuments fills in titles, publishers, dates and URLs from the
// cache, reading only the documents it has not seen (in the same transaction). Loads through this store
// clear the cache, and so does a change of the graph version (GraphVersion), which shows another
// process's writes within a second; documentTTL bounds the age of a document in any case.

const documentTTL = time.Minute

type document struct {
	title     string
	publisher *string
	date      *domain.Date
	url       *string
	kind      *domain.SourceKind
	story     *string
}

// documentCache holds documents read from the graph. clear starts a new generation; documents read in
// an older one are not added, as they may predate the write that ended it.
type documentCache struct {
	mu     sync.RWMutex
	docs   map[string]document
	loaded time.Time
	gen    uint64
}

func (c *documentCache) clear() {
	c.mu.Lock()
	c.docs = nil
	c.gen++
	c.mu.Unlock()
}

// drop forgets the documents of keys, and starts a new generation so that a read in flight does not
// put them back as they were.
func (c *documentCache) drop(keys []string) {
	c.mu.Lock()
	for _, k := range keys {
		delete(c.docs, k)
	}
	c.gen++
	c.mu.Unlock()
}

// lookup returns the cached documents for keys, the keys it lacks, and the generation to add those in.
func (c *documentCache) lookup(keys map[string]bool) (map[string]document, []string, uint64) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	fresh := time.Since(c.loaded) < documentTTL
	found := make(map[string]document, len(keys))
	var missing []string
	for k := range keys {
		if d, ok := c.docs[k]; ok && fresh {
			found[k] = d
		} else {
			missing = append(missing, k)
		}
	}
	return found, missing, c.gen
}

func (c *documentCache) add(docs map[string]document, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.docs == nil || time.Since(c.loaded) >= documentTTL {
		c.docs, c.loaded = map[string]document{}, time.Now()
	}
	for k, d := range docs {
		c.docs[k] = d
	}
}

const documentsByKey = `UNWIND $keys AS key
MATCH (d:Source {key: key})
RETURN d.key AS key, d {.title, .publisher, .date, .url, .kind, .story} AS d`

// attachDocuments fills in the documents of every citation in v (any value the store returns).
func (s *Store) attachDocuments(ctx context.Context, tx runner, v any) error {
	var refs []*domain.Source
	collectSources(reflect.ValueOf(v), &refs)
	if len(refs) == 0 {
		return nil
	}
	keys := make(map[string]bool, len(refs))
	for _, r := range refs {
		keys[r.Key] = true
	}
	found, missing, gen := s.documents.lookup(keys)
	if len(missing) > 0 {
		res, err := tx.Run(ctx, documentsByKey, map[string]any{"keys": missing})
		if err != nil {
			return err
		}
		read := map[string]document{}
		for res.Next(ctx) {
			key, _ := res.Record().Values[0].(string)
			m, _ := res.Record().Values[1].(map[string]any)
			read[key] = document{title: str(m, "title"), publisher: optStr(m, "publisher"), date: optDate(m, "date"), url: optStr(m, "url"),
				kind: optEnum[domain.SourceKind](m, "kind"), story: optStr(m, "story")}
		}
		if err := res.Err(); err != nil {
			return err
		}
		s.documents.add(read, gen)
		for k, d := range read {
			found[k] = d
		}
	}
	for _, r := range refs {
		d := found[r.Key]
		r.Title, r.Publisher, r.Date, r.URL, r.Kind, r.Story = d.title, d.publisher, d.date, d.url, d.kind, d.story
	}
	return nil
}

var sourceType = reflect.TypeFor[domain.Source]()

// collectSources walks v through pointers, interfaces, structs, slices and maps, and gathers a pointer
// to every domain.Source it holds. The types that come back by the thousand are walked directly, the
// rest by reflection.
func collectSources(v reflect.Value, refs *[]*domain.Source) {
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		switch x := v.Interface().(type) {
		case *domain.Stakeholder:
			stakeholderSources(x, refs)
			return
		case *domain.Partnership:
			stakeholderSources(x.Stakeholder, refs)
			stakeholderSources(x.Partner, refs)
			sourcesOf(x.Sources, refs)
			return
		case *domain.Tie:
			stakeholderSources(x.Stakeholder, refs)
			stakeholderSources(x.Other, refs)
			sourcesOf(x.Sources, refs)
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectSources(v.Elem(), refs)
		}
	case reflect.Struct:
		if v.Type() == sourceType {
			if v.CanAddr() {
				*refs = append(*refs, v.Addr().Interface().(*domain.Source))
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				collectSources(v.Field(i), refs)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.String {
			return
		}
		for i := range v.Len() {
			collectSources(v.Index(i), refs)
		}
	case reflect.Map:
		if v.Type().Elem().Kind() == reflect.String {
			return
		}
		iter := v.MapRange()
		for iter.Next() {
			collectSources(iter.Value(), refs)
		}
	}
}

func stakeholderSources(s *domain.Stakeholder, refs *[]*domain.Source) {
	if s != nil {
		sourcesOf(s.Sources, refs)
		if len(s.Planned) > 0 {
			collectSources(reflect.ValueOf(s.Planned), refs)
		}
	}
}

func sourcesOf(list []domain.Source, refs *[]*domain.Source) {
	for i := range list {
		*refs = append(*refs, &list[i])
	}
}
