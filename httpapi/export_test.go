package httpapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExport(t *testing.T) {
	h := newArticleClient(t).handler // the seed article's network, whose filtered views are known
	t.Run("OK", func(t *testing.T) {
		tests := []struct {
			path, contentType, contains string
		}{
			{"/export/graphml", "application/graphml+xml", `<node id="ijm-malaysia">`},
			{"/export/gexf?sectors=LAW_ENFORCEMENT", "application/gexf+xml", `id="pdrm"`},
			{"/export/csv", "application/zip", "PK"},
			{"/export/cytoscape?kinds=NGO,MINISTRY", "application/json", `"ijm-malaysia:PARTNERS_WITH:kdn"`},
			{"/export/kumu", "application/json", `"connections"`},
			{"/export/json", "application/json", `"stakeholders"`},
		}
		for _, tc := range tests {
			resp := get(t, h, tc.path)
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != tc.contentType {
				t.Errorf("GET %s: %d %s\n%.300s", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
				continue
			}
			if !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
				t.Errorf("GET %s is not a download", tc.path)
			}
			if !strings.Contains(string(body), tc.contains) {
				t.Errorf("GET %s does not contain %q", tc.path, tc.contains)
			}
		}
	})

	t.Run("filters apply", func(t *testing.T) {
		var doc struct {
			Elements struct {
				Nodes []struct {
					Data struct {
						ID string `json:"id"`
					} `json:"data"`
				} `json:"nodes"`
				Edges []struct {
					Data struct {
						Source string `json:"source"`
						Target string `json:"target"`
					} `json:"data"`
				} `json:"edges"`
			} `json:"elements"`
		}
		resp := get(t, h, "/export/cytoscape?kinds=NGO,MINISTRY&tieTypes=PARTNERS_WITH&asOf=2024-12-31")
		if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
			t.Fatal(err)
		}
		var edges []string
		for _, e := range doc.Elements.Edges {
			edges = append(edges, e.Data.Source+"-"+e.Data.Target)
		}
		if diff := cmp.Diff([]string{"ijm-malaysia-kdn"}, edges); diff != "" {
			t.Errorf("NGO-ministry partnerships (-want +got):\n%s", diff)
		}
		for _, n := range doc.Elements.Nodes {
			if n.Data.ID == "pdrm" {
				t.Error("an agency slipped through a kinds filter")
			}
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, path := range []string{"/export/pdf", "/export/csv?kinds=EMBASSY", "/export/gexf?asOf=2024"} {
			resp := get(t, h, path)
			var body struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			_ = json.NewDecoder(resp.Body).Decode(&body)
			if resp.StatusCode != http.StatusBadRequest || body.Error.Code != "BAD_USER_INPUT" || body.Error.Message == "" {
				t.Errorf("GET %s: %d %+v", path, resp.StatusCode, body)
			}
		}
	})
}
