package neo4jstore

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// API keys are :ApiKey nodes, apart from the graph: no relationship reaches them, exports and analyses
// never read them, and writing one does not move the graph's version. Only a key's hash is stored.

const keyFields = `{.id, .name, .role, .hash, .created, .revokedAt}`

// CreateAPIKey stores a key made by auth.NewKey.
func (s *Store) CreateAPIKey(ctx context.Context, k auth.Key) error {
	_, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (bool, error) {
		res, err := tx.Run(ctx, `CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, created: $created})`,
			map[string]any{"id": k.ID, "name": k.Name, "role": string(k.Role), "hash": k.Hash, "created": k.Created.Format(time.RFC3339)})
		if err != nil {
			return false, err
		}
		_, err = res.Consume(ctx)
		return err == nil, err
	})
	return err
}

// APIKey returns the key with this id.
func (s *Store) APIKey(ctx context.Context, id string) (auth.Key, bool, error) {
	keys, err := s.apiKeys(ctx, `MATCH (k:ApiKey {id: $id}) RETURN k `+keyFields+` AS k`, map[string]any{"id": id})
	if err != nil || len(keys) == 0 {
		return auth.Key{}, false, err
	}
	return keys[0], true, nil
}

// APIKeys lists every key, revoked ones too, oldest first.
func (s *Store) APIKeys(ctx context.Context) ([]auth.Key, error) {
	return s.apiKeys(ctx, `MATCH (k:ApiKey) RETURN k `+keyFields+` AS k ORDER BY k.created, k.id`, nil)
}

// RevokeAPIKey marks the key with this id revoked from now on; found is false when there is none. A key
// revoked before keeps its first revocation time.
func (s *Store) RevokeAPIKey(ctx context.Context, id string, at time.Time) (found bool, err error) {
	return write(ctx, s, func(tx neo4j.ManagedTransaction) (bool, error) {
		res, err := tx.Run(ctx, `MATCH (k:ApiKey {id: $id}) SET k.revokedAt = coalesce(k.revokedAt, $at) RETURN count(k) AS n`,
			map[string]any{"id": id, "at": at.UTC().Format(time.RFC3339)})
		if err != nil {
			return false, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return false, err
		}
		n, _, err := neo4j.GetRecordValue[int64](rec, "n")
		return n > 0, err
	})
}

func (s *Store) apiKeys(ctx context.Context, query string, params map[string]any) ([]auth.Key, error) {
	return readPlain(ctx, s, func(tx runner) ([]auth.Key, error) {
		res, err := tx.Run(ctx, query, params)
		if err != nil {
			return nil, err
		}
		var out []auth.Key
		for res.Next(ctx) {
			m, _ := res.Record().Values[0].(map[string]any)
			k := auth.Key{ID: str(m, "id"), Name: str(m, "name"), Role: auth.Role(str(m, "role")), Hash: str(m, "hash")}
			k.Created, _ = time.Parse(time.RFC3339, str(m, "created"))
			if r := optStr(m, "revokedAt"); r != nil {
				t, err := time.Parse(time.RFC3339, *r)
				if err != nil {
					return nil, domain.Internal(err)
				}
				k.RevokedAt = &t
			}
			out = append(out, k)
		}
		return out, res.Err()
	})
}
