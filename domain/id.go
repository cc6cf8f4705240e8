package domain

import (
	"encoding/base64"
	"strings"
)

// NodeType names the types that have global IDs.
type NodeType string

// The node types with global IDs.
const (
	NodeStakeholder NodeType = "Stakeholder"
	NodePerson      NodeType = "Person"
	NodeEvent       NodeType = "Event"
)

// GlobalID returns the opaque global ID of the object of type t with the given slug.
func GlobalID(t NodeType, slug string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(string(t) + ":" + slug))
}

// ParseGlobalID splits a global ID into its type and slug.
func ParseGlobalID(id string) (NodeType, string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil {
		return "", "", Errorf(CodeInvalid, "%q is not a valid ID", id)
	}
	t, slug, ok := strings.Cut(string(raw), ":")
	switch NodeType(t) {
	case NodeStakeholder, NodePerson, NodeEvent:
	default:
		ok = false
	}
	if !ok || slug == "" {
		return "", "", Errorf(CodeInvalid, "%q is not a valid ID", id)
	}
	return NodeType(t), slug, nil
}

// ParseGlobalIDOf parses id and checks that it is of type want.
func ParseGlobalIDOf(id string, want NodeType) (string, error) {
	t, slug, err := ParseGlobalID(id)
	if err != nil {
		return "", err
	}
	if t != want {
		return "", Errorf(CodeInvalid, "ID %q is a %s, not a %s", id, t, want)
	}
	return slug, nil
}
